package com.mobilityhub.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {

    @Test
    void countsFieldsAfterTheLastParenthesisSoACommandNameWithSpacesAndParenthesesCannotShiftThem() {
        // fields:     1     2                         3 4    5    6    7 8  9       10  11 12 13 14  15 16 17 18 19 20 21 22
        String line = "4242 (postgres: bench (x) ) idle) S 1717 4242 4242 0 -1 4194560 812 0 3 0 250 31 7 2 20 0 1 0 98765 "
                + "219000000 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat.ppid()).isEqualTo(1717);
        assertThat(stat.ownTicks()).isEqualTo(250 + 31);
        assertThat(stat.reapedTicks()).isEqualTo(7 + 2);
        assertThat(stat.startTicks()).isEqualTo(98765);
    }

    @Test
    void readsTheBenchJvmsOwnStat() {
        var own = ProcStat.read(ProcessHandle.current().pid());

        assertThat(own).isPresent();
        assertThat(own.get().ppid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow());
    }

    @Test
    void aProcessThatIsGoneHasNoStat() {
        assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
    }
}
