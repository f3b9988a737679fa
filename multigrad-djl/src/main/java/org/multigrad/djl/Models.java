package org.multigrad.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.List;

/** The models of the MultiMNIST literature, by name. */
public final class Models {
    public static final List<String> NAMES = List.of("lenet", "mlp");

    private Models() {
    }

    /** A model by name for 1x28x28 images and {@code tasks} heads of {@code classes} classes. */
    public static MultiTaskModel create(String name, int tasks, int classes) {
        switch (name) {
            case "lenet":
                return lenet(tasks, classes);
            case "mlp":
                return mlp(28 * 28, new int[] {50, 50, 50, 50}, 50, tasks, classes);
            default:
                throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", NAMES));
        }
    }

    /**
     * The hard-parameter-sharing LeNet of MGDA-UB (Sener and Koltun 2018, code
     * isl-org/MultiObjectiveOptimization, {@code MultiLeNetR}/{@code MultiLeNetO}): trunk
     * conv 5x5 (10) → max-pool 2 → ReLU → conv 5x5 (20) → max-pool 2 → ReLU → flatten (320) →
     * linear 50 → ReLU; each head linear 50 → ReLU → linear to the classes. The original trunk has a
     * Dropout2d after the second conv; it is left out so that a step is a deterministic function of
     * the batch (exact resume, finite-difference tests).
     */
    public static MultiTaskModel lenet(int tasks, int classes) {
        SequentialBlock trunk = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(10).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(50).build())
                .add(Activation.reluBlock());
        List<Block> heads = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            heads.add(new SequentialBlock()
                    .add(Linear.builder().setUnits(50).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(classes).build()));
        }
        return build("lenet", trunk, heads, new Shape(1, 1, 28, 28));
    }

    /**
     * An MLP with a shared trunk of ReLU layers of the given widths and per-task heads of one hidden
     * ReLU layer (ML2O section 5.2 uses four shared layers of 50 and heads of 50). Inputs are
     * flattened.
     */
    public static MultiTaskModel mlp(int inputs, int[] trunkWidths, int headWidth, int tasks, int classes) {
        SequentialBlock trunk = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int width : trunkWidths) {
            trunk.add(Linear.builder().setUnits(width).build()).add(Activation.reluBlock());
        }
        List<Block> heads = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            SequentialBlock head = new SequentialBlock();
            if (headWidth > 0) {
                head.add(Linear.builder().setUnits(headWidth).build()).add(Activation.reluBlock());
            }
            heads.add(head.add(Linear.builder().setUnits(classes).build()));
        }
        return build("mlp", trunk, heads, new Shape(1, inputs));
    }

    private static MultiTaskModel build(String name, Block trunk, List<Block> heads, Shape input) {
        trunk.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        for (Block head : heads) {
            head.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        }
        return new MultiTaskModel(name, trunk, heads, input);
    }
}
