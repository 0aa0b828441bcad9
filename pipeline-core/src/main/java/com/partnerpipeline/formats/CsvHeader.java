package com.partnerpipeline.formats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The column names from a CSV file's first row, with a lookup by name. */
public final class CsvHeader {
    private final List<String> names;
    private final Map<String, Integer> indexByName;

    CsvHeader(List<String> names) {
        this.names = List.copyOf(names);
        this.indexByName = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            indexByName.put(names.get(i), i);
        }
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** Column index of {@code name}, or -1. */
    int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }
}
