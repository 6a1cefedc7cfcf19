package io.waymark;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void modulesUseOnlyEachOthersPublicTypesAndHaveNoCycles() {
        ApplicationModules.of(WaymarkApplication.class).verify();
    }
}
