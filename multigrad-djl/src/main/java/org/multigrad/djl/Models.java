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
    public static final List<String> NAMES = List.of("lenet", "mlp", "mlp-wide");
    /** The trunk widths of {@code mlp-wide}: 784 → 1024 → 1024, 1,853,440 shared parameters. */
    private static final int[] WIDE_TRUNK = {1024, 1024};

    private Models() {
    }

    /** A model by name for 1x28x28 images and {@code tasks} heads of {@code classes} classes. */
    public static MultiTaskModel create(String name, int tasks, int classes) {
        switch (name) {
            case "lenet":
                return lenet(tasks, classes);
            case "mlp":
                return mlp(28 * 28, new int[] {50, 50, 50, 50}, 50, tasks, classes);
            case "mlp-wide":
                return mlpWide(tasks, classes);
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
        return mlp("mlp", inputs, trunkWidths, headWidth, tasks, classes);
    }

    /**
     * {@code mlp-wide}, the model of the training benchmark where aggregation matters (issue 20):
     * flatten 1x28x28 → linear 1024 → ReLU → linear 1024 → ReLU (1,853,440 shared parameters, the
     * Jacobian's columns); each head one linear layer 1024 → classes (10,250 parameters for 10
     * classes). With m heads J holds m x 1,853,440 entries: 74 MB in float32 at m = 10, 148 MB in
     * double. {@code bench/torch_train_compare.py} builds the same model in PyTorch.
     */
    public static MultiTaskModel mlpWide(int tasks, int classes) {
        return mlp("mlp-wide", 28 * 28, WIDE_TRUNK, 0, tasks, classes);
    }

    private static MultiTaskModel mlp(String name, int inputs, int[] trunkWidths, int headWidth, int tasks, int classes) {
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
        return build(name, trunk, heads, new Shape(1, inputs));
    }

    private static MultiTaskModel build(String name, Block trunk, List<Block> heads, Shape input) {
        trunk.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        for (Block head : heads) {
            head.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        }
        return new MultiTaskModel(name, trunk, heads, input);
    }
}
