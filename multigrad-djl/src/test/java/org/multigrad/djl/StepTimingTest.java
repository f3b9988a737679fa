package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

class StepTimingTest {
    @Test
    void timesTheStepsAfterTheWarmUpInTheModeTrainingUses() {
        for (String method : new String[] {"mgda", "mean"}) {
            DjlRuntime.seed(3);
            try (MultiTaskModel model = Models.mlp(784, new int[] {6}, 4, 2, 10)) {
                float[] before = model.sharedParameters().get(0).getArray().toFloatArray();
                StepTiming.Report report = StepTiming.measure(model, method, JacobianMode.PARAMETERS, 4, 1, 3, 0);
                assertEquals(method.equals("mean") ? JacobianMode.REPRESENTATION : JacobianMode.PARAMETERS, report.mode(), method);
                assertEquals(3, report.steps());
                assertTrue(report.meanMs() > 0 && report.medianMs() > 0, report.toJson());
                // the parts are measured inside the step, so they cannot exceed the wall time around it
                assertTrue(report.meanParts().total() / 1e6 <= report.meanMs() * 1.0001, report.toJson());
                assertTrue(report.aggregationShare() >= 0 && report.aggregationShare() < 1, report.toJson());
                assertTrue(report.toJson().startsWith("{\"side\": \"multigrad\", \"method\": \"" + method + "\""), report.toJson());
                Parameter first = model.sharedParameters().get(0);
                assertTrue(!java.util.Arrays.equals(before, first.getArray().toFloatArray()), "the steps trained the model");
            }
        }
    }

    @Test
    void aSessionTimesSuccessiveBlocks() {
        DjlRuntime.seed(3);
        try (MultiTaskModel model = Models.mlp(784, new int[] {6}, 4, 2, 10)) {
            StepTiming.Session session = new StepTiming.Session(model, "mgda", JacobianMode.PARAMETERS, 4, 0);
            float[] before = model.sharedParameters().get(0).getArray().toFloatArray();
            assertEquals(2, session.run(2).steps());
            float[] middle = model.sharedParameters().get(0).getArray().toFloatArray();
            assertEquals(1, session.run(1).steps());
            assertTrue(!java.util.Arrays.equals(before, middle)
                    && !java.util.Arrays.equals(middle, model.sharedParameters().get(0).getArray().toFloatArray()),
                    "each block trains further");
        }
    }

    @Test
    void rejectsEmptyRuns() {
        DjlRuntime.seed(3);
        try (MultiTaskModel model = Models.mlp(784, new int[] {6}, 4, 2, 10)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> StepTiming.measure(model, "mgda", JacobianMode.PARAMETERS, 4, 1, 0, 0));
            assertTrue(error.getMessage().contains("steps >= 1"), error.getMessage());
        }
    }

    @Test
    void mlpWideHasTheSharedTrunkOfTheTrainingBenchmark() {
        DjlRuntime.seed(3);
        try (MultiTaskModel model = Models.create("mlp-wide", 5, 10)) {
            assertEquals("mlp-wide", model.name());
            assertEquals(5, model.tasks());
            // 784·1024 + 1024 + 1024·1024 + 1024
            assertEquals(1_853_440, model.sharedSize());
            assertEquals(new ai.djl.ndarray.types.Shape(1, 784), model.inputShape());
            assertEquals(1024, model.representationShape().get(1));
            for (int task = 0; task < 5; task++) {
                long headSize = model.headParameters(task).stream().mapToLong(p -> p.getArray().size()).sum();
                assertEquals(1024 * 10 + 10, headSize, "head " + task + " is one linear layer 1024 -> 10");
            }
        }
    }

    @Test
    void theCommandLineTimesMlpWideWithMHeadsAndReportsTheSizeOfJ() {
        for (String precision : new String[] {"float32", "double"}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int status = StepTiming.run(new String[] {"--method", "mgda", "--model", "mlp-wide", "--tasks", "3", "--batch-size", "4",
                "--steps", "1", "--warmup", "1", "--jacobian-precision", precision}, java.io.InputStream.nullInputStream(),
                    new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, status, err.toString(java.nio.charset.StandardCharsets.UTF_8));
            long bytes = 3L * 1_853_440 * (precision.equals("float32") ? 4 : 8);
            assertTrue(json.contains("\"tasks\": 3, \"columns\": 1853440, \"jacobian_bytes\": " + bytes), json);
            assertTrue(json.contains("\"jacobian_precision\": \"" + precision + "\""), json);
        }
    }

    @Test
    void badOptionsExitWithStatusTwoAndOneSentence() {
        String[][] cases = {
            {"--method", "mgda", "--model", "resnet"},
            {"--method", "mgda", "--tasks", "0"},
            {"--method", "mgda", "--tasks", "two"},
            {"--method", "no-such-method"},
            {"--model", "lenet"},
            {"--method", "mgda", "--serve", "maybe"},
            {"--method", "mgda", "--mode", "sideways"},
            {"--method", "mgda", "--jacobian-precision", "half"},
            {"--method", "mgda", "--bogus", "1"},
            {"--method"},
        };
        for (String[] args : cases) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int status = StepTiming.run(args, java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true));
            String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(2, status, String.join(" ", args));
            assertTrue(message.startsWith("StepTiming: ") && message.strip().lines().count() == 1, message);
            assertEquals(0, out.size(), String.join(" ", args));
        }
    }
}
