package com.partnerpipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The estimate follows RE2/J's own program size (which is 2 more: its start and match
 * instructions).
 */
class PatternSizeTest {
    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "abc => 3",
                "^C[0-9]{3}$ => 6",
                "a{1000} => 1000",
                "a{2,5} => 8",
                "a{5,} => 6",
                "a{0,1000} => 2000",
                "(a{100}){100} => 10200",
                "(b|a{100}){100} => 10400",
                "^((a{1000}){1000}){1000}$ => 1002002002",
                "x{1000}{1000} => 1000000",
                "(?i)(abc){100} => 500",
                "(?P<name>a{10}){10} => 120",
                "\\p{Greek}{50} => 50",
                "[^]a]{10} => 10",
                "[{1000}] => 1",
                "\\Q{1000}\\E => 6",
                "a{,5} => 5",
                "^(a?){100}$ => 402",
                "((((((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000}){1000}){1000}){1000}) => 1099511627776",
            })
    void estimatesTheCompiledSize(String pattern, long size) {
        assertThat(PatternSize.of(pattern)).isEqualTo(size);
    }
}
