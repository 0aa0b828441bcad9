package com.partnerpipeline.app.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartFormReaderTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    private static InputStream trickle(String body, int chunk) {
        return new FilterInputStream(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static String body(String fileContent) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"schemaId\"\r\n\r\nabc-123\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\data\\\\cust.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + fileContent
                + "\r\n--XyZ--\r\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
    void readsFieldsAndFileWhateverTheReadSizes(int chunk) throws Exception {
        String content =
                "id,name\r\n1,\"--XyZ is not a boundary here\"\r\n"
                        + "x".repeat(200_000)
                        + "\r\n--Xy";
        MultipartFormReader form = new MultipartFormReader(trickle(body(content), chunk), TYPE);

        MultipartFormReader.Part field = form.next();
        assertThat(field.name()).isEqualTo("schemaId");
        assertThat(field.filename()).isNull();
        assertThat(field.text(100)).isEqualTo("abc-123");
        MultipartFormReader.Part file = form.next();
        assertThat(file.name()).isEqualTo("file");
        assertThat(file.filename()).isEqualTo("cust.csv");
        assertThat(new String(file.content().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(content);
        assertThat(form.next()).isNull();
    }

    @Test
    void skipsWhatIsNotReadOfAPart() throws Exception {
        MultipartFormReader form = new MultipartFormReader(trickle(body("a,b\r\n1,2"), 5), TYPE);

        assertThat(form.next().name()).isEqualTo("schemaId");
        assertThat(form.next().name()).isEqualTo("file");
        assertThat(form.next()).isNull();
    }

    @Test
    void refusesWhatIsNotWellFormed() throws Exception {
        assertThatThrownBy(() -> new MultipartFormReader(trickle("", 1), "application/json"))
                .hasMessage("the request must be multipart/form-data");
        assertThatThrownBy(() -> new MultipartFormReader(trickle("", 1), "multipart/form-data"))
                .hasMessage("the multipart/form-data content type has no boundary");
        MultipartFormReader truncated =
                new MultipartFormReader(
                        trickle(
                                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nid\r\n1",
                                4),
                        TYPE);
        MultipartFormReader.Part part = truncated.next();
        assertThatThrownBy(() -> part.content().readAllBytes())
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessage("the multipart body ends inside a part");
        MultipartFormReader longField = new MultipartFormReader(trickle(body("x"), 64), TYPE);
        assertThatThrownBy(() -> longField.next().text(3))
                .hasMessage("the field 'schemaId' is longer than 3 bytes");
    }
}
