package com.partnerpipeline.schema;

import com.partnerpipeline.transform.FieldTransformer;
import com.partnerpipeline.validation.FieldValidator;

/** One schema field, ready to run: where its value comes from and how it is checked. */
public record CompiledField(
        String name,
        FieldType type,
        boolean required,
        FieldTransformer transformer,
        FieldValidator validator) {}
