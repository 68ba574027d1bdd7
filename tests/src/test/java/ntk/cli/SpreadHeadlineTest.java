package ntk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import ntk.config.ExperimentConfig;
import ntk.generic.Task;
import org.junit.jupiter.api.Test;

/** What one pre-training draw of `spread` runs: the headline conditions, or those at the pools named. */
class SpreadHeadlineTest {
    @Test
    void aDrawRunsSeedOneAtTheMostAnnotationsAndThePoolsNamed() {
        ExperimentConfig full = ExperimentConfig.full();
        ExperimentConfig all = SpreadCommand.headline(full, null);
        assertEquals(List.of(1L), all.runs().seeds());
        assertEquals(List.of(100), all.runs().annotationBudgets());
        assertEquals(full.runs().poolSizes(), all.runs().poolSizes());
        assertEquals(full.expansion(), all.expansion());

        ExperimentConfig thousand = SpreadCommand.headline(full, List.of(1000));
        assertEquals(List.of(1000), thousand.runs().poolSizes());
        assertEquals(List.of(), thousand.expansion().pools(Task.SEGMENTATION), "no enlarged pool at 1,000 scenes");
        ExperimentConfig hundred = SpreadCommand.headline(full, List.of(100, 1000));
        assertEquals(List.of(100), hundred.expansion().pools(Task.SEGMENTATION));
        assertEquals(List.of(100), hundred.expansion().pools(Task.CLASSIFICATION));
    }
}
