package com.partnerpipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConvertersTest {
    private static void assertInvalid(Object result, ErrorCode code) {
        assertThat(result).isInstanceOf(Violation.class);
        assertThat(((Violation) result).code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12abc",
                "abc",
                "NaN",
                "Infinity",
                "0x1F",
                " 12",
                "12 ",
                "1e",
                "1e+",
                "5.",
                ".",
                "-",
                "+",
                "1,5",
                "12d",
                "--1"
            })
    void numberRefusesAnythingButAPlainDecimalLiteral(String text) {
        assertInvalid(new NumberConverter().convert(text), ErrorCode.INVALID_TYPE);
    }

    @Test
    void numberReadsDecimalLiteralsExactly() {
        NumberConverter number = new NumberConverter();
        assertThat(number.convert("12")).isEqualTo(new BigDecimal("12"));
        assertThat(number.convert("-0.50")).isEqualTo(new BigDecimal("-0.50"));
        assertThat(number.convert("+3")).isEqualTo(new BigDecimal("3"));
        assertThat(number.convert(".5")).isEqualTo(new BigDecimal("0.5"));
        assertThat(number.convert("1.5e3")).isEqualTo(new BigDecimal("1.5e3"));
        assertThat(number.convert(7)).isEqualTo(new BigDecimal("7"));
        assertThat(number.convert(new BigInteger("123456789012345678901")))
                .isEqualTo(new BigDecimal("123456789012345678901"));
        assertInvalid(number.convert(true), ErrorCode.INVALID_TYPE);
        assertInvalid(number.convert("1e9999999999"), ErrorCode.INVALID_TYPE);
        assertThat(((Violation) number.convert(List.of(1))).message())
                .isEqualTo("expected a number, found an array");
    }

    @Test
    void integerIsStrictAboutTextAndAcceptsWholeJsonNumbers() {
        IntegerConverter integer = new IntegerConverter();
        assertThat(integer.convert("42")).isEqualTo(42L);
        assertThat(integer.convert("-7")).isEqualTo(-7L);
        assertThat(integer.convert("+7")).isEqualTo(7L);
        assertThat(integer.convert(42)).isEqualTo(42L);
        assertThat(integer.convert(new BigDecimal("12.0"))).isEqualTo(12L);
        assertInvalid(integer.convert("12.0"), ErrorCode.INVALID_TYPE);
        assertInvalid(integer.convert("12abc"), ErrorCode.INVALID_TYPE);
        assertInvalid(integer.convert("1e3"), ErrorCode.INVALID_TYPE);
        assertInvalid(integer.convert(new BigDecimal("12.5")), ErrorCode.INVALID_TYPE);
        assertThat(((Violation) integer.convert("9223372036854775808")).message())
                .isEqualTo("integer out of the 64-bit range");
        assertThat(((Violation) integer.convert(new BigInteger("99999999999999999999"))).message())
                .contains("64-bit");
        assertThat(integer.convert("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "YES", "Yes"})
    void booleanTrueForms(String text) {
        assertThat(new BooleanConverter().convert(text)).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "0", "no", "NO"})
    void booleanFalseForms(String text) {
        assertThat(new BooleanConverter().convert(text)).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "y", "n", "2", "t", "on", "off", "truee"})
    void booleanRefusesEverythingElse(String text) {
        assertInvalid(new BooleanConverter().convert(text), ErrorCode.INVALID_TYPE);
    }

    @Test
    void booleanTakesJsonBooleansAndOneOrZero() {
        BooleanConverter bool = new BooleanConverter();
        assertThat(bool.convert(false)).isEqualTo(false);
        assertThat(bool.convert(1)).isEqualTo(true);
        assertThat(bool.convert(0L)).isEqualTo(false);
        assertInvalid(bool.convert(2), ErrorCode.INVALID_TYPE);
    }

    @Test
    void dateIsIsoAndRefusesImpossibleDates() {
        DateConverter date = new DateConverter(null, null);
        assertThat(date.convert("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertInvalid(date.convert("2023-02-29"), ErrorCode.INVALID_TYPE);
        assertInvalid(date.convert("2023-02-30"), ErrorCode.INVALID_TYPE);
        assertInvalid(date.convert("2023-13-01"), ErrorCode.INVALID_TYPE);
        assertInvalid(date.convert("31/01/2024"), ErrorCode.INVALID_TYPE);
        assertInvalid(date.convert("2024-1-5"), ErrorCode.INVALID_TYPE);
        assertInvalid(date.convert(20240101), ErrorCode.INVALID_TYPE);
        assertThat(((Violation) date.convert("x")).message())
                .isEqualTo("not a valid date (expected YYYY-MM-DD)");
    }

    @Test
    void dateFollowsAFieldFormat() {
        DateTimeFormatter format =
                DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
        DateConverter date = new DateConverter(format, "dd/MM/yyyy");
        assertThat(date.convert("31/01/2024")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertInvalid(date.convert("2024-01-31"), ErrorCode.INVALID_TYPE);
        assertInvalid(date.convert("31/02/2024"), ErrorCode.INVALID_TYPE);
        assertThat(((Violation) date.convert("x")).message())
                .isEqualTo("not a valid date (expected format dd/MM/yyyy)");
    }

    @Test
    void dateTimeKeepsTheOffsetWhenGiven() {
        DateTimeConverter dateTime = new DateTimeConverter(null, null);
        assertThat(dateTime.convert("2024-05-31T14:30:00Z"))
                .isEqualTo(OffsetDateTime.parse("2024-05-31T14:30:00Z"));
        assertThat(dateTime.convert("2024-05-31T14:30:00.250+02:00"))
                .isEqualTo(OffsetDateTime.parse("2024-05-31T14:30:00.250+02:00"));
        assertThat(dateTime.convert("2024-05-31T14:30:00"))
                .isEqualTo(LocalDateTime.of(2024, 5, 31, 14, 30));
        assertInvalid(dateTime.convert("2024-05-31 14:30:00"), ErrorCode.INVALID_TYPE);
        assertInvalid(dateTime.convert("2024-05-31"), ErrorCode.INVALID_TYPE);
        assertInvalid(dateTime.convert("2024-02-30T10:00:00Z"), ErrorCode.INVALID_TYPE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ann@example.com",
                "ann.lee+tag@mail.example.co.uk",
                "o'brien@example.ie",
                "x_y-z@sub-domain.example.org",
                "zoë@exämple.de"
            })
    void acceptsEmailAddresses(String address) {
        assertThat(new EmailConverter().convert(address)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-an-email",
                "@example.com",
                "ann@",
                "ann@example",
                "ann@@example.com",
                "ann@example.c",
                "ann..lee@example.com",
                ".ann@example.com",
                "ann.@example.com",
                "ann lee@example.com",
                "ann@-example.com",
                "ann@example-.com",
                "ann@exa mple.com",
                "ann@example..com",
                "ann@example.123",
                "a\"b@example.com"
            })
    void refusesMalformedEmailAddresses(String address) {
        assertInvalid(new EmailConverter().convert(address), ErrorCode.INVALID_FORMAT);
    }

    @Test
    void refusesEmailAddressesThatAreTooLong() {
        assertInvalid(
                new EmailConverter().convert("a".repeat(65) + "@example.com"),
                ErrorCode.INVALID_FORMAT);
        assertInvalid(
                new EmailConverter().convert("ann@" + "a".repeat(64) + ".com"),
                ErrorCode.INVALID_FORMAT);
        assertInvalid(
                new EmailConverter().convert("ann@" + ("a".repeat(60) + ".").repeat(5) + "com"),
                ErrorCode.INVALID_FORMAT);
    }

    @Test
    void urlMustBeAbsoluteHttpOrHttpsWithAHost() {
        UrlConverter url = new UrlConverter();
        assertThat(url.convert("https://www.example.com/path?q=1#top"))
                .isEqualTo("https://www.example.com/path?q=1#top");
        assertThat(url.convert("HTTP://example.com:8080")).isEqualTo("HTTP://example.com:8080");
        assertInvalid(url.convert("not a url"), ErrorCode.INVALID_FORMAT);
        assertInvalid(url.convert("ftp://example.com"), ErrorCode.INVALID_FORMAT);
        assertInvalid(url.convert("https://"), ErrorCode.INVALID_FORMAT);
        assertInvalid(url.convert("/relative/path"), ErrorCode.INVALID_FORMAT);
        assertInvalid(url.convert("https://exa mple.com"), ErrorCode.INVALID_FORMAT);
        assertInvalid(url.convert("javascript:alert(1)"), ErrorCode.INVALID_FORMAT);
    }

    @Test
    void stringTakesAnyScalarButNotArraysOrObjects() {
        StringConverter string = new StringConverter();
        assertThat(string.convert("x")).isEqualTo("x");
        assertThat(string.convert(42)).isEqualTo("42");
        assertThat(string.convert(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(string.convert(false)).isEqualTo("false");
        assertThat(((Violation) string.convert(Map.of("a", 1))).message())
                .isEqualTo("expected a string, found an object");
    }
}
