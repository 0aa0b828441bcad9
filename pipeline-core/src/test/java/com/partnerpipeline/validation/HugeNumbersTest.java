package com.partnerpipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers with huge exponents are a few bytes of input: no converter may write them out digit by
 * digit, and a {@code number} field takes only what PostgreSQL's numeric stores (131072 digits
 * before the point, 16383 after).
 */
class HugeNumbersTest {
    private static final BigDecimal HUGE = new BigDecimal("1e999999999");
    private static final BigDecimal TINY = new BigDecimal("1e-999999999");

    private static void assertOutOfRange(Object result) {
        assertThat(result).isInstanceOf(Violation.class);
        assertThat(((Violation) result).code()).isEqualTo(ErrorCode.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void stringWritesOrdinaryNumbersOutPlainly() {
        StringConverter string = new StringConverter();
        assertThat(string.convert(new BigDecimal("12345"))).isEqualTo("12345");
        assertThat(string.convert(new BigDecimal("1.5e3"))).isEqualTo("1500");
        assertThat(string.convert(new BigDecimal("-2.50"))).isEqualTo("-2.50");
        assertThat(string.convert(new BigDecimal("1e-3"))).isEqualTo("0.001");
        assertThat(string.convert(12345L)).isEqualTo("12345");
        assertThat(string.convert(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void stringRefusesNumbersWhoseWrittenFormWouldBeAbsurd() {
        StringConverter string = new StringConverter();
        assertOutOfRange(string.convert(HUGE));
        assertOutOfRange(string.convert(TINY));
        assertOutOfRange(string.convert(new BigDecimal("-1e999999999")));
        assertThat(((Violation) string.convert(HUGE)).message())
                .isEqualTo(
                        "number too large or too small to write out as text (more than 1000 digits); send it as a string");
    }

    @Test
    void stringBoundaryIsAThousandDigitsWrittenOut() {
        StringConverter string = new StringConverter();
        assertThat((String) string.convert(new BigDecimal("1e999"))).hasSize(1000).startsWith("10");
        assertOutOfRange(string.convert(new BigDecimal("1e1000")));
        assertThat((String) string.convert(new BigDecimal("1e-999")))
                .hasSize(1001)
                .startsWith("0.00")
                .endsWith("01");
        assertOutOfRange(string.convert(new BigDecimal("1e-1000")));
        assertThat(string.convert(new BigDecimal("0e999999999"))).isEqualTo("0");
    }

    @Test
    void emailAndUrlRefuseHugeNumbersWithoutWritingThemOut() {
        assertOutOfRange(new EmailConverter().convert(HUGE));
        assertOutOfRange(new UrlConverter().convert(TINY));
    }

    @Test
    void booleanComparesNumbersWithoutWritingThemOut() {
        BooleanConverter bool = new BooleanConverter();
        assertThat(bool.convert(new BigDecimal("1"))).isEqualTo(true);
        assertThat(bool.convert(new BigDecimal("0"))).isEqualTo(false);
        assertThat(bool.convert(new BigDecimal("1e0"))).isEqualTo(true);
        assertThat(((Violation) bool.convert(new BigDecimal("1.0"))).code())
                .isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(((Violation) bool.convert(HUGE)).code()).isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(((Violation) bool.convert(TINY)).code()).isEqualTo(ErrorCode.INVALID_TYPE);
    }

    @Test
    void integerIsBoundedToSixtyFourBits() {
        IntegerConverter integer = new IntegerConverter();
        assertOutOfRange(integer.convert(HUGE));
        assertOutOfRange(integer.convert("9223372036854775808"));
        assertOutOfRange(integer.convert(new BigInteger("99999999999999999999")));
        assertThat(((Violation) integer.convert(TINY)).code()).isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(integer.convert(new BigDecimal("9.223372036854775807e18")))
                .isEqualTo(Long.MAX_VALUE);
        assertOutOfRange(integer.convert(new BigDecimal("9.223372036854775808e18")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e131071",
                "-9.999e131071",
                "1e-16383",
                "12e-16383",
                "1.5e-16382",
                "0e131071"
            })
    void numberTakesWhatPostgresqlNumericStores(String text) {
        assertThat(new NumberConverter().convert(text)).isEqualTo(new BigDecimal(text));
        assertThat(new NumberConverter().convert(new BigDecimal(text)))
                .isEqualTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e131072",
                "10e131071",
                "1e1000000",
                "1e999999999",
                "1e-16384",
                "1.5e-16383",
                "1e-999999999",
                "0e-16384"
            })
    void numberRefusesWhatPostgresqlNumericCannotStore(String text) {
        assertOutOfRange(new NumberConverter().convert(text));
        assertOutOfRange(new NumberConverter().convert(new BigDecimal(text)));
        assertThat(((Violation) new NumberConverter().convert(text)).message())
                .isEqualTo(
                        "number out of range: at most 131072 digits before the decimal point and 16383 after");
    }
}
