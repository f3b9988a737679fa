// Minimal reproducer: libtorch 2.7.1 (DJL 0.35.1, pytorch-native-cpu 2.7.1 linux-x86_64) returns
// NaN in the input gradient of Conv2d(10 -> 20, 5x5) when freed heap memory holds NaN bit patterns.
//
// Run (JDK 17, from the MultiGrad repository root after `mvn -B -q -DskipTests package`):
//   mvn -B -q dependency:build-classpath -pl multigrad-djl -Dmdep.outputFile=/tmp/cp.txt
//   java -Dai.djl.offline=true -cp "$(cat /tmp/cp.txt)" docs/onednn-conv-nan/OneDnnConvNan.java [rounds]
// It prints the number of non-finite input-gradient values per round and exits 1 if there were any.
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

public class OneDnnConvNan {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Engine.getEngine("PyTorch");
        long total = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            // LeNet's conv2: 10 input channels of 12 x 12, 20 filters of 5 x 5, batch 256
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build();
            conv.initialize(manager, DataType.FLOAT32, new Shape(256, 10, 12, 12));
            JniUtils.setGradMode(true);
            for (int round = 0; round < rounds; round++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray input = scope.randomNormal(new Shape(256, 10, 12, 12));
                    input.setRequiresGradient(true);
                    NDArray loss = conv.forward(new ParameterStore(scope, false), new NDList(input), true)
                            .singletonOrThrow().sum();
                    // free NaN-filled blocks of 32 x 16 x 5 x 5 floats: the size of oneDNN's filter copy in
                    // the blocked layout ABcd16a16b, whose output channels are padded from 20 to 32
                    for (int k = 0; k < 8; k++) {
                        manager.full(new Shape(32 * 16 * 5 * 5), Float.NaN, DataType.FLOAT32).close();
                    }
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) scope.ones(new Shape()), false, false);
                    long bad = 0;
                    for (float value : input.getGradient().toFloatArray()) {
                        if (!Float.isFinite(value)) {
                            bad++;
                        }
                    }
                    total += bad;
                    System.out.println("round " + round + ": " + bad + " of " + input.size() + " input-gradient values are not finite");
                }
            }
        }
        System.exit(total > 0 ? 1 : 0);
    }
}
