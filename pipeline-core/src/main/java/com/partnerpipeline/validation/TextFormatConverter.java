package com.partnerpipeline.validation;

/** Text with a format to respect (an email address, a URL): read as a string, then checked. */
abstract class TextFormatConverter implements TypeConverter {
    private final StringConverter text = new StringConverter();
    private final Violation invalid;

    TextFormatConverter(String invalidMessage) {
        this.invalid = new Violation(ErrorCode.INVALID_FORMAT, invalidMessage);
    }

    @Override
    public final Object convert(Object value) {
        Object converted = text.convert(value);
        if (converted instanceof String string) {
            return isValid(string) ? string : invalid;
        }
        return converted;
    }

    abstract boolean isValid(String text);
}
