import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N customer records as CSV, JSON (array), JSON Lines or XML for sample-data/customers.schema.json.
 *
 *   java bench/GenerateData.java FORMAT RECORDS INVALID_SHARE OUTPUT
 *   java bench/GenerateData.java csv 1000000 0.02 /tmp/customers.csv
 *
 * Deterministic: the same arguments give the same bytes. With invalid share s, every (1/s)-th record (starting at
 * the middle of the first period) is invalid, cycling through ten kinds of defect, exactly one invalid field each:
 *   0 email not an address (invalid_format)     5 signup_date 2023-02-30 (invalid_type)
 *   1 age 150 (too_big)                          6 name missing (required)
 *   2 age "abc" (invalid_type)                   7 email and phone both empty (rule_violation)
 *   3 customer_id CUST-12 (invalid_format)       8 website "not a url" (invalid_format)
 *   4 status "deleted" (invalid_value)           9 newsletter "maybe" (invalid_type)
 */
public class GenerateData {
    static final String[] FIRST = {"Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
            "Kemal", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq"};
    static final String[] LAST = {"Smith", "Müller", "O'Brien", "García", "Rossi", "Novak", "Dubois", "Jensen",
            "Kowalski", "Silva", "Okafor", "Tanaka", "Peters, Jr.", "Andersson", "Nguyen"};
    static final String[] CITIES = {"Berlin", "Lyon", "Porto", "Gdańsk", "Utrecht", "Malmö", "Zürich", "Cork"};
    static final String[] STATUS = {"active", "ACTIVE", "inactive", "pending", ""};
    static final String[] NEWSLETTER = {"true", "false", "yes", "no", "1", "0", ""};

    record Customer(String id, String name, String email, String phone, String age, String signupDate,
                    String status, String website, String newsletter, String city) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java bench/GenerateData.java csv|json|jsonl|xml RECORDS INVALID_SHARE OUTPUT");
            System.exit(2);
        }
        String format = args[0];
        long records = Long.parseLong(args[1]);
        double share = Double.parseDouble(args[2]);
        long period = share <= 0 ? 0 : Math.max(1, Math.round(1 / share));
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8), 1 << 16)) {
            begin(format, out);
            for (long i = 0; i < records; i++) {
                int defect = period > 0 && i % period == period / 2 ? (int) ((i / period) % 10) : -1;
                write(format, out, customer(i, defect), i == 0);
            }
            end(format, out);
        }
    }

    static Customer customer(long i, int defect) {
        String first = FIRST[(int) (i % FIRST.length)];
        String last = LAST[(int) ((i / 7) % LAST.length)];
        String id = String.format("CUST-%06d", i % 1_000_000);
        String email = (ascii(first) + "." + ascii(last) + i + "@example.com").toLowerCase();
        String phone = i % 3 == 0 ? String.format("+49 30 %07d", i % 10_000_000) : "";
        String age = String.valueOf(18 + (i * 31) % 70);
        String date = String.format("%04d-%02d-%02d", 2000 + i % 25, 1 + (i / 3) % 12, 1 + (i / 11) % 28);
        String status = STATUS[(int) ((i / 5) % STATUS.length)];
        String website = i % 4 == 0 ? "https://www.example.com/c/" + i : "";
        String newsletter = NEWSLETTER[(int) ((i / 13) % NEWSLETTER.length)];
        String city = CITIES[(int) ((i / 17) % CITIES.length)];
        String name = first + " " + last;
        switch (defect) {
            case 0 -> email = "not-an-email";
            case 1 -> age = "150";
            case 2 -> age = "abc";
            case 3 -> id = "CUST-12";
            case 4 -> status = "deleted";
            case 5 -> date = "2023-02-30";
            case 6 -> name = "";
            case 7 -> { email = ""; phone = ""; }
            case 8 -> website = "not a url";
            case 9 -> newsletter = "maybe";
            default -> { }
        }
        return new Customer(id, name, email, phone, age, date, status, website, newsletter, city);
    }

    static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }

    static void begin(String format, Writer out) throws IOException {
        switch (format) {
            case "csv" -> out.write("customer_id,name,email,phone,age,signup_date,status,website,newsletter,address.city\n");
            case "json" -> out.write("[\n");
            case "xml" -> out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<customers>\n");
            case "jsonl" -> { }
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
    }

    static void end(String format, Writer out) throws IOException {
        switch (format) {
            case "json" -> out.write("\n]\n");
            case "xml" -> out.write("</customers>\n");
            default -> { }
        }
    }

    static void write(String format, Writer out, Customer c, boolean first) throws IOException {
        switch (format) {
            case "csv" -> out.write(String.join(",", csv(c.id), csv(c.name), csv(c.email), csv(c.phone), csv(c.age),
                    csv(c.signupDate), csv(c.status), csv(c.website), csv(c.newsletter), csv(c.city)) + "\n");
            case "json", "jsonl" -> {
                if (format.equals("json") && !first) {
                    out.write(",\n");
                }
                out.write(json(c));
                if (format.equals("jsonl")) {
                    out.write("\n");
                }
            }
            case "xml" -> out.write(xml(c));
            default -> throw new IllegalArgumentException(format);
        }
    }

    static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** JSON keeps types: age is a number unless the defect made it text, newsletter a boolean where it is one. */
    static String json(Customer c) {
        StringBuilder s = new StringBuilder("{");
        s.append("\"customer_id\":").append(str(c.id));
        if (!c.name.isEmpty()) {
            s.append(",\"name\":").append(str(c.name));
        }
        s.append(",\"email\":").append(c.email.isEmpty() ? "null" : str(c.email));
        s.append(",\"phone\":").append(str(c.phone));
        s.append(",\"age\":").append(c.age.chars().allMatch(Character::isDigit) ? c.age : str(c.age));
        s.append(",\"signup_date\":").append(str(c.signupDate));
        s.append(",\"status\":").append(str(c.status));
        s.append(",\"website\":").append(c.website.isEmpty() ? "null" : str(c.website));
        s.append(",\"newsletter\":").append(c.newsletter.equals("true") || c.newsletter.equals("false") ? c.newsletter : str(c.newsletter));
        s.append(",\"address\":{\"city\":").append(str(c.city)).append("}}");
        return s.toString();
    }

    static String str(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The id is an attribute, the city a nested element: both reachable by the schema's paths. */
    static String xml(Customer c) {
        StringBuilder s = new StringBuilder("  <customer customer_id=\"").append(esc(c.id)).append("\">");
        if (!c.name.isEmpty()) {
            s.append("<name>").append(esc(c.name)).append("</name>");
        }
        s.append("<email>").append(esc(c.email)).append("</email>");
        s.append("<phone>").append(esc(c.phone)).append("</phone>");
        s.append("<age>").append(esc(c.age)).append("</age>");
        s.append("<signup_date>").append(esc(c.signupDate)).append("</signup_date>");
        s.append("<status>").append(esc(c.status)).append("</status>");
        s.append("<website>").append(esc(c.website)).append("</website>");
        s.append("<newsletter>").append(esc(c.newsletter)).append("</newsletter>");
        s.append("<address><city>").append(esc(c.city)).append("</city></address>");
        return s.append("</customer>\n").toString();
    }

    static String esc(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
