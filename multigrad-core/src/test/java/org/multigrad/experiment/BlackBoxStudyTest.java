package org.multigrad.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.blackbox.Evaluator;

class BlackBoxStudyTest {
    private static final BlackBoxStudy.Listener QUIET = new BlackBoxStudy.Listener() {
        @Override
        public void started(String label, Evaluator evaluator) {
        }

        @Override
        public void finished(long budget) {
        }
    };

    private static BlackBoxRequest request(List<String> methods, List<Integer> samples, Long budget) {
        return new BlackBoxRequest(List.of("asmg-l1-ellipsoid"), methods, 4, samples, 0.1, 0.01, "standardized", 0.5,
                budget, List.of(0L, 1L), 10, false);
    }

    @Test
    void runsEveryMethodSampleSizeAndSeedAndGroupsThem() {
        long[] accounted = {0};
        BlackBoxResult result = BlackBoxStudy.run(request(List.of("asmg", "es"), List.of(6), 300L),
                new BlackBoxStudy.Listener() {
                    @Override
                    public void started(String label, Evaluator evaluator) {
                    }

                    @Override
                    public void finished(long budget) {
                        accounted[0] += budget;
                    }
                });
        assertEquals(4, result.runs().size());
        assertEquals(4 * 300, accounted[0]);
        assertEquals(List.of("asmg", "es"), result.methods());
        BlackBoxResult.Group asmg = result.groups().get(0);
        assertEquals(2, asmg.runs());
        double[] finals = result.runs().subList(0, 2).stream().mapToDouble(run -> run.last().distance()).toArray();
        assertEquals((finals[0] + finals[1]) / 2, asmg.distance().mean(), 0);
        assertEquals(Math.max(finals[0], finals[1]), asmg.distance().max(), 0);
        // the service is BlackBoxExperiment.run per run: same seed, same trajectory
        BlackBoxExperiment.Result again = BlackBoxStudy.run(request(List.of("asmg"), List.of(6), 300L), QUIET)
                .runs().get(0);
        assertEquals(result.runs().get(0).last().distance(), again.last().distance(), 0);
    }

    @Test
    void checksTheRequest() {
        assertEquals("--samples: es needs an even N (mirrored pairs), got 7", assertThrows(IllegalArgumentException.class,
                () -> request(List.of("es"), List.of(7), null)).getMessage());
        assertEquals("--budget 5 is smaller than one iteration (N + 1 = 7 evaluations)",
                assertThrows(IllegalArgumentException.class, () -> request(List.of("asmg"), List.of(6), 5L)).getMessage());
    }
}
