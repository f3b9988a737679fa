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
}
