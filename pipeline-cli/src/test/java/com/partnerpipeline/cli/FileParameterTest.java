package com.partnerpipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.cli.exit.ExitStatus;
import com.partnerpipeline.formats.FileFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The FILE parameter of upload and validate lists the extensions FileFormat accepts, and still
 * takes the file.
 */
class FileParameterTest {
    private static String help(String command) {
        CommandLine commandLine = PipelineCli.commandLine().getSubcommands().get(command);
        StringWriter text = new StringWriter();
        commandLine.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
        return text.toString().replaceAll("\\s+", " "); // as one line: the help wraps at 80 columns
    }

    @Test
    void theHelpListsTheAcceptedExtensionsFromFileFormat() {
        assertThat(FileFormat.extensionList()).isEqualTo(".csv, .json, .jsonl, .ndjson or .xml");
        assertThat(help("validate"))
                .contains("FILE the file to check: " + FileFormat.extensionList() + " ");
        assertThat(help("upload")).contains("FILE the file: " + FileFormat.extensionList() + " ");
    }

    @Test
    void theFileIsStillBoundToTheCommand() {
        CommandLine.ParseResult validate =
                PipelineCli.commandLine()
                        .parseArgs("validate", "orders.jsonl", "--schema", "s.json");
        ValidateCommand check = (ValidateCommand) validate.subcommand().commandSpec().userObject();
        assertThat(check.input).isEqualTo(Path.of("orders.jsonl"));

        CommandLine.ParseResult upload =
                PipelineCli.commandLine().parseArgs("upload", "feed.xml", "--schema", "3f6c");
        UploadCommand send = (UploadCommand) upload.subcommand().commandSpec().userObject();
        assertThat(send.file).isEqualTo(Path.of("feed.xml"));
    }

    @Test
    void aMissingFileIsStillAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = PipelineCli.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("validate", "--schema", "s.json"))
                .isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }
}
