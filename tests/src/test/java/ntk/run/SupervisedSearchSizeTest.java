package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.transplant.TransplantSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The supervised baseline's search is at least as wide as the plan promises: at least 32 distinct
 * settings of the supervised adapter per task, walked from the starting point with every incumbent
 * kept (the narrowest case: a stage that moves the incumbent only adds settings); a rate below
 * 1e-3 and steps past the old cap; and every stage varies the supervised adapter only.
 */
class SupervisedSearchSizeTest {
    @ParameterizedTest
    @EnumSource(Task.class)
    void theSupervisedStagesTryAtLeast32DistinctSettings(Task task) {
        TransplantSettings start = TunedSettings.STARTING_POINT.get(task);
        Set<String> distinct = new HashSet<>();
        for (SearchStages.Stage stage : SearchStages.of(task, SettingsSearch.Part.SUPERVISED)) {
            assertTrue(stage.supervised(), stage.name() + " is not a supervised stage");
            for (SearchStages.Variant v : stage.variants().apply(start)) {
                distinct.add(SettingsSearch.supervisedKey(v.settings()));
                assertEquals(SettingsSearch.withSupervisedPart(start, v.settings()), v.settings(),
                        stage.name() + ", " + v.label() + ": changes more than the supervised adapter's settings");
            }
        }
        assertTrue(distinct.size() >= 32, task + ": " + distinct.size() + " distinct supervised settings");
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void theGridReachesBelow1e3AndPastTheOldCap(Task task) {
        TransplantSettings start = TunedSettings.STARTING_POINT.get(task);
        SearchStages.Stage grid = SearchStages.of(task, SettingsSearch.Part.SUPERVISED).get(0);
        List<SearchStages.Variant> v = grid.variants().apply(start);
        assertTrue(grid.firstSeedOnly(), "the grid runs the first seed only, as the plan says");
        assertTrue(v.stream().anyMatch(x -> x.settings().supervised().learningRate() < 1e-3), "no rate below 1e-3");
        assertTrue(v.stream().anyMatch(x -> x.settings().supervised().steps() > SupervisedStages.oldCap(task)), "no steps past the old cap");
        assertTrue(v.stream().noneMatch(x -> x.settings().supervised().steps() > 2 * SupervisedStages.oldCap(task)), "steps past twice the old cap");
    }
}
