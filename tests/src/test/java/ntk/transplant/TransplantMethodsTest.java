package ntk.transplant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ntk.config.TunedSettings;
import ntk.generic.Task;
import ntk.nn.Module;
import org.junit.jupiter.api.Test;

/** The registry of transplant methods: built-in names, their settings, and what a registration may not do. */
class TransplantMethodsTest {
    private static final TransplantSettings SELECTED = TunedSettings.load().get(Task.CLASSIFICATION);

    @Test
    void everyBuiltInMethodIsKnownByNameAndGetsTheSettingsItRunsUnder() {
        assertEquals(List.of(TransplantMethods.SUPERVISED, TransplantMethods.FORWARD, TransplantMethods.BACK,
                TransplantMethods.BACK_VIEWS, TransplantMethods.BACK_VIEWS_SYNTHESIS), TransplantMethods.names().subList(0, 5));
        TransplantMethod supervised = TransplantMethods.create(TransplantMethods.SUPERVISED, SELECTED);
        assertSame(SELECTED.supervised(), supervised.training(), "the baseline trains with the supervised settings");
        assertNull(supervised.poolExpansion(), "the supervised adapter learns from its annotations alone");
        for (String plain : List.of(TransplantMethods.FORWARD, TransplantMethods.BACK)) {
            TransplantMethod m = TransplantMethods.create(plain, SELECTED);
            assertSame(SELECTED.training(), m.training(), plain + " trains with the distillation settings");
            assertNull(m.poolExpansion(), plain + " uses the real pool only");
        }
        assertTrue(TransplantMethods.create(TransplantMethods.BACK_VIEWS, SELECTED).poolExpansion() instanceof AugmentedViews);
        assertTrue(TransplantMethods.create(TransplantMethods.BACK_VIEWS_SYNTHESIS, SELECTED).poolExpansion() instanceof CombinedExpansion);
        assertNull(new BackDistillation(SELECTED).poolExpansion(), "a method built directly distils the pool it is given");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransplantMethods.create("magic", SELECTED));
        assertTrue(e.getMessage().contains("unknown method 'magic'") && e.getMessage().contains(TransplantMethods.BACK), e.getMessage());
    }

    @Test
    void aRegisteredMethodIsCreatedByNameAndANameIsTakenOnce() {
        String name = "test-registry-identity";
        TransplantMethods.register(name, Identity::new);
        assertTrue(TransplantMethods.isKnown(name));
        TransplantMethod m = TransplantMethods.create(name, SELECTED);
        assertTrue(m instanceof Identity && m.settings() == SELECTED);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> TransplantMethods.register(name, Identity::new));
        assertTrue(twice.getMessage().contains("already registered"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransplantMethods.register(TransplantMethods.BACK, Identity::new));
        assertThrows(IllegalArgumentException.class, () -> TransplantMethods.register(" padded ", Identity::new));
    }

    /** Learns nothing: the adapter as initialised. */
    private record Identity(TransplantSettings settings) implements TransplantMethod {
        @Override
        public Module learnAdapter(TransplantData data, long seed) {
            return Module.initialised(data.adapterSpec(), Module.Init.IDENTITY, seed, data.taskModule().dataType());
        }
    }
}
