package com.partnerpipeline.app.redis;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Redis URL every part of which can be used ({@link RedisAddress#parse}); the violation names the
 * part.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RedisUrl.Validator.class)
public @interface RedisUrl {
    String message() default "is not a Redis URL: " + RedisAddress.FORM;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<RedisUrl, String> {
        @Override
        public boolean isValid(String url, ConstraintValidatorContext context) {
            if (url == null) {
                return true; // @NotEmpty's to say
            }
            try {
                RedisAddress.parse(url);
                return true;
            } catch (IllegalArgumentException e) {
                context.disableDefaultConstraintViolation();
                // a message template: braces, dollar signs and backslashes would be read as
                // expressions
                context.buildConstraintViolationWithTemplate(
                                e.getMessage().replaceAll("([\\\\{}$])", "\\\\$1"))
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
