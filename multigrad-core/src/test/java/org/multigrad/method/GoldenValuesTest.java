package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;

/**
 * TorchJD's cross-implementation fixtures for J = [[-4, 1, 1], [6, 1, 1]]
 * (TorchJD's tests/unit/aggregation/test_values.py, atol 1e-4; copied in docs/sources.md). An empty
 * weights column means TorchJD publishes no weights for that method (Nash-MTL: "n/a"); the libmtl
 * row of aligned-mtl is LibMTL's value (Aligned_MTL.py, recomputed), its direction twice TorchJD's.
 */
class GoldenValuesTest {
    private static final double[][] J_BASE = {{-4, 1, 1}, {6, 1, 1}};

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "mean;;1,1,1;0.5,0.5",
        "sum;;2,2,2;1,1",
        "mgda;;0,1,1;0.6,0.4",
        "imtl-g;;0.0767,1,1;0.5923,0.4077",
        "cagrad;c=0.5;0.1835,1.2041,1.2041;0.7041,0.5",
        "pcgrad;;0.5848,3.8012,3.8012;2.2222,1.5789",
        "constant;weights=2:0.5;-5,2.5,2.5;2,0.5",
        "aligned-mtl;;0.2133,0.9673,0.9673;0.5591,0.4083",
        "aligned-mtl;convention=libmtl;0.4266,1.9346,1.9346;1.1181,0.8165",
        "nash-mtl;;0.0542,0.7061,0.7061;",
        "upgrad;;0.2929,1.9004,1.9004;1.1109,0.7894",
        "dualproj;;0.5563,1.1109,1.1109;0.6109,0.5",
    })
    void matchesTorchJd(String method, String params, String direction, String weights) {
        Map<String, Object> parsed = params == null ? Map.of()
                : Map.of(params.split("=")[0], params.split("=")[1].replace(':', ','));
        Aggregation result = MethodRegistry.get(method).create(parsed).aggregate(Jacobian.of(J_BASE));
        assertArrayEquals(parse(direction), result.direction(), 1e-4, "direction");
        if (weights != null) {
            assertArrayEquals(parse(weights), result.weights(), 1e-4, "weights");
        }
    }

    private static double[] parse(String csv) {
        String[] parts = csv.split(",");
        double[] values = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            values[k] = Double.parseDouble(parts[k]);
        }
        return values;
    }
}
