package com.partnerpipeline.processing.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetFormulasTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=HYPERLINK(\"http://evil.example\",\"click\")",
                "+cmd|' /C calc'!A0",
                "-2+3",
                "-5",
                "@SUM(1+1)",
                "\t=1+1",
                "\r=1+1",
                "=",
                "-"
            })
    void aCellThatASpreadsheetWouldRunIsPrefixedWithAnApostrophe(String cell) {
        assertThat(SpreadsheetFormulas.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a=b", " =1+1", "'=1+1", "1-2", "x@example.com"})
    void anyOtherCellIsLeftAsItIs(String cell) {
        assertThat(SpreadsheetFormulas.neutralise(cell)).isSameAs(cell);
    }

    @Test
    void anAbsentCellStaysAbsentAndNeutralisingTwiceChangesNothingMore() {
        assertThat(SpreadsheetFormulas.neutralise(null)).isNull();
        assertThat(SpreadsheetFormulas.neutralise(SpreadsheetFormulas.neutralise("=1+1")))
                .isEqualTo("'=1+1");
    }
}
