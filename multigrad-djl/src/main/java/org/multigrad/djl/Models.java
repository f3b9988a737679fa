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
import java.util.Map;
import org.multigrad.djl.normal.NormalSettings;

/** The models of the MultiMNIST literature, by name. */
public final class Models {
    public static final List<String> NAMES = List.of("lenet", "mlp", "mlp-wide", "cnn1", "normal-lenet", "normal-mlp",
            "lenet-shared-layers", "lenet-task-layers");
    /** CNN1's channels: the four shared 3x3 convolutions and the head's one (seed 004 does not give them). */
    private static final int[] CNN1_CHANNELS = {8, 8, 16, 16, 16};
    /** The trunk widths of {@code mlp-wide}: 784 → 1024 → 1024, 1,853,440 shared parameters. */
    private static final int[] WIDE_TRUNK = {1024, 1024};

    private Models() {
    }

    /** A model by name for 1x28x28 images and {@code tasks} heads of {@code classes} classes, default options. */
    public static MultiTaskModel create(String name, int tasks, int classes) {
        return create(name, tasks, classes, Map.of());
    }

    /** Whether {@code name} is a NORMAL model, which takes the options of {@link NormalSettings}. */
    public static boolean isNormal(String name) {
        return name.startsWith("normal-");
    }

    /**
     * A model by name with its options ({@code -p} keys of {@link NormalSettings} for the NORMAL
     * models {@code normal-lenet} and {@code normal-mlp}: the LeNet or MLP trunk and heads with the ODE
     * block of the representation's width between them; the other models take none).
     */
    public static MultiTaskModel create(String name, int tasks, int classes, Map<String, String> options) {
        if (isNormal(name)) {
            NormalSettings settings = NormalSettings.parse(options);
            return switch (name) {
                case "normal-lenet" -> build(name, lenetParts(tasks, classes), settings);
                case "normal-mlp" -> build(name, mlpParts(28 * 28, DEFAULT_MLP, 50, tasks, classes), settings);
                default -> throw new IllegalArgumentException("unknown model '" + name + "'; known models: "
                        + String.join(", ", NAMES));
            };
        }
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' takes no options, got " + options.keySet());
        }
        switch (name) {
            case "lenet":
                return lenet(tasks, classes);
            case "mlp":
                return mlp(28 * 28, DEFAULT_MLP, 50, tasks, classes);
            case "mlp-wide":
                return mlpWide(tasks, classes);
            case "cnn1":
                return cnn1(tasks, classes);
            case "lenet-shared-layers":
                return build(name, withSharedLayers(lenetParts(tasks, classes)), null);
            case "lenet-task-layers":
                return build(name, withTaskLayers(lenetParts(tasks, classes), classes), null);
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
        return build("lenet", lenetParts(tasks, classes), null);
    }

    /** A trunk, its heads, the input shape and the representation's width d. */
    private record Parts(Block trunk, List<Block> heads, Shape input, int width) {
    }

    private static final int[] DEFAULT_MLP = {50, 50, 50, 50};

    private static Parts lenetParts(int tasks, int classes) {
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
        return new Parts(trunk, heads, new Shape(1, 1, 28, 28), 50);
    }

    /**
     * CNN1 of ML2O (seed 004, section 5.2): shared encoder c-c-p-c-c-p, c = 3x3 convolution + ReLU,
     * p = 2x2 max-pool stride 2; each head c-f, a 3x3 convolution + ReLU then a linear layer to the
     * classes. The paper gives neither channels nor padding: 8, 8, 16, 16 shared and 16 in the head,
     * no padding (28 → 26 → 24 → 12 → 10 → 8 → 4 → head conv 2x2x16 = 64 → classes): 4,152 shared
     * parameters and 2,970 per head for 10 classes, a learner small enough to meta-train ML2O on a
     * CPU. The paper trains CNN1 with batch normalisation; it is left out here because GML2O's guard
     * runs extra forward passes at trial points, which would move batch statistics, and so that a
     * step is a deterministic function of the batch.
     */
    public static MultiTaskModel cnn1(int tasks, int classes) {
        SequentialBlock trunk = new SequentialBlock();
        for (int c = 0; c < 4; c++) {
            trunk.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(CNN1_CHANNELS[c]).build())
                    .add(Activation.reluBlock());
            if (c % 2 == 1) {
                trunk.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        List<Block> heads = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            heads.add(new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(CNN1_CHANNELS[4]).build())
                    .add(Activation.reluBlock())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(classes).build()));
        }
        return build("cnn1", new Parts(trunk, heads, new Shape(1, 1, 28, 28), 16 * 4 * 4), null);
    }

    /**
     * An MLP with a shared trunk of ReLU layers of the given widths and per-task heads of one hidden
     * ReLU layer (ML2O section 5.2 uses four shared layers of 50 and heads of 50). Inputs are
     * flattened.
     */
    public static MultiTaskModel mlp(int inputs, int[] trunkWidths, int headWidth, int tasks, int classes) {
        return build("mlp", mlpParts(inputs, trunkWidths, headWidth, tasks, classes), null);
    }

    /**
     * {@code mlp-wide}, the model of the training benchmark where aggregation matters (issue 20):
     * flatten 1x28x28 → linear 1024 → ReLU → linear 1024 → ReLU (1,853,440 shared parameters, the
     * Jacobian's columns); each head one linear layer 1024 → classes (10,250 parameters for 10
     * classes). With m heads J holds m x 1,853,440 entries: 74 MB in float32 at m = 10, 148 MB in
     * double. {@code bench/torch_train_compare.py} builds the same model in PyTorch.
     */
    public static MultiTaskModel mlpWide(int tasks, int classes) {
        return build("mlp-wide", mlpParts(28 * 28, WIDE_TRUNK, 0, tasks, classes), null);
    }

    private static Parts mlpParts(int inputs, int[] trunkWidths, int headWidth, int tasks, int classes) {
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
        return new Parts(trunk, heads, new Shape(1, inputs), trunkWidths.length > 0 ? trunkWidths[trunkWidths.length - 1] : inputs);
    }

    /**
     * Table 5.4's "adding task-shared layers" ablation: the trunk followed by k more d→d ReLU layers,
     * k = round(B / (d² + d)) with B the heavy-ball block's parameter count, so that hard sharing gets
     * NORMAL's parameters (LeNet, d = 50: 4 layers, 10,200 against 10,251, −0.5 %).
     */
    private static Parts withSharedLayers(Parts parts) {
        int d = parts.width();
        long block = org.multigrad.djl.normal.HeavyBallOdeBlock.parameterCount(d);
        long layers = Math.round(block / (double) (d * d + d));
        SequentialBlock trunk = new SequentialBlock().add(parts.trunk());
        for (int k = 0; k < layers; k++) {
            trunk.add(Linear.builder().setUnits(d).build()).add(Activation.reluBlock());
        }
        return new Parts(trunk, parts.heads(), parts.input(), d);
    }

    /**
     * Table 5.4's "adding task-specific layers" ablation: every head gets a first ReLU layer of
     * width w (d→w, then the head's own layer takes w inputs), adding 2dw + w − d² per head; w is
     * chosen so that the m heads add the block's B parameters (within 2 % for m ≥ 1 at d = 50: for
     * LeNet and m = 2, w = 76, +10,352 against 10,251, +1 %).
     */
    private static Parts withTaskLayers(Parts parts, int classes) {
        int d = parts.width();
        int m = parts.heads().size();
        long block = org.multigrad.djl.normal.HeavyBallOdeBlock.parameterCount(d);
        int width = (int) Math.max(1, Math.round((block / (double) m + (double) d * d) / (2.0 * d + 1)));
        List<Block> heads = new ArrayList<>();
        for (int task = 0; task < m; task++) {
            heads.add(new SequentialBlock()
                    .add(Linear.builder().setUnits(width).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(d).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(classes).build()));
        }
        return new Parts(parts.trunk(), heads, parts.input(), d);
    }

    /** Xavier weights for trunk and heads; with {@code normal}, NORMAL's ODE block (its own initialisation) between them. */
    private static MultiTaskModel build(String name, Parts parts, NormalSettings normal) {
        parts.trunk().setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        for (Block head : parts.heads()) {
            head.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        }
        if (normal == null) {
            return new MultiTaskModel(name, parts.trunk(), parts.heads(), parts.input());
        }
        return new MultiTaskModel(name, parts.trunk(), normal.block(parts.width()), normal.positions(parts.heads().size()),
                normal.positionLr(), parts.heads(), parts.input());
    }
}
