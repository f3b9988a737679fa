package org.multigrad.djl.amoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TeacherStudentTest {
    @Test
    void tinyExperimentLearnsAndCamooWeightsAreOnTheSimplex() {
        for (TeacherStudent.Method method : TeacherStudent.Method.values()) {
            var c = new TeacherStudent.Config(4, 16, 4, 3, 1e-4, 0.1, TeacherStudent.Optimizer.SGD, 0.05, 64, 60, 256, 1);
            var r = TeacherStudent.run(c, method);
            assertTrue(r.finalLoss() < r.initialLoss(), method + ": " + r);
            assertTrue(r.finalDistance() < r.initialDistance(), method + ": " + r);
            if (method == TeacherStudent.Method.CAMOO) {
                double sum = 0;
                for (double w : r.lastWeights()) { assertTrue(w >= -1e-12); sum += w; }
                assertEquals(1, sum, 1e-9);
            }
        }
    }
}
