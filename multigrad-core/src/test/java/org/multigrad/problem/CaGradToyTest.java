package org.multigrad.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of CAGrad's {@code toy.py} (Liu et al., NeurIPS 2021) at scale 1, tabulated in docs/sources.md. */
class CaGradToyTest {
    @ParameterizedTest(name = "x = ({0}, {1})")
    @CsvSource({
        "-8.5, 7.5, 6.552363, 7.900798, -0.285399, 0.007249, -0.073992, 0.008739",
        "-8.5, -5, 4.059918, -19.421502, -3.058504, 0.004483, -0.295984, 0.320931",
        "9, 9, 7.943949, 6.691495, 0.071411, 0.001961, 0.249938, 0.001652",
        "-7.5, -0.5, 0.388808, -4.754484, -0.710264, -0.709399, -0.024492, 9.160757",
        "9, -1, -8.831059, 2.814293, 0.184847, 7.579204, 1.478775, -2.330037",
        "0, -8.3552, -15.091638, -15.091638, -1.399342, 0, 1.399342, 0",
    })
    void matchesReferenceTable(double x1, double x2, double f1, double f2, double j11, double j12, double j21,
                               double j22) {
        double[] values = new double[2];
        double[] jacobian = new double[4];
        new CaGradToy().evaluate(new double[] {x1, x2}, values, jacobian);
        assertEquals(f1, values[0], 1e-5);
        assertEquals(f2, values[1], 1e-5);
        assertEquals(j11, jacobian[0], 1e-5);
        assertEquals(j12, jacobian[1], 1e-5);
        assertEquals(j21, jacobian[2], 1e-5);
        assertEquals(j22, jacobian[3], 1e-5);
    }
}
