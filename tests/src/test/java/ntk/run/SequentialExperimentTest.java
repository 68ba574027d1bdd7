package ntk.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ntk.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** Choosing the LEGO approaches; their rows are checked in {@link EndToEndFastIT}. */
class SequentialExperimentTest {
    private final SequentialExperiment all = new SequentialExperiment(ExperimentConfig.fast(), null, Progress.silent());

    @Test
    void runsEveryApproachUnlessToldOtherwise() {
        assertEquals(SequentialExperiment.APPROACHES, all.approaches());
        assertEquals(SequentialExperiment.APPROACHES,
                all.withApproaches(SequentialApproaches.LWF, SequentialApproaches.REPLAY, SequentialApproaches.FINE_TUNE,
                        SequentialApproaches.TRANSPLANT).approaches(), "always in the order of APPROACHES");
    }

    @Test
    void anUnknownOrMissingApproachIsRefusedWithTheNamesThatExist() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> all.withApproaches("fine-tuning"));
        assertTrue(unknown.getMessage().contains("unknown approach 'fine-tuning'") && unknown.getMessage().contains("fine-tune"),
                unknown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> all.withApproaches());
        assertTrue(none.getMessage().contains("no approach chosen"), none.getMessage());
    }

    @Test
    void withoutTransplantingThereIsNoGrownNetworkToShow() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> all.withApproaches(SequentialApproaches.FINE_TUNE).network());
        assertTrue(e.getMessage().contains("include transplant"), e.getMessage());
    }
}
