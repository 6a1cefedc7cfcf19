package io.waymark.support;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** The shared start of the project's JMH {@code main}s: JMH's own command line, this class's benchmarks by default. */
public final class JmhRuns {

    private JmhRuns() {}

    /**
     * Runs the benchmarks of {@code benchmark} (or those that {@code args} name) with JMH's options from {@code args};
     * with {@code -h} or {@code -l} only JMH's help or list is printed and nothing is run (an empty result).
     */
    public static Collection<RunResult> run(Class<?> benchmark, String[] args) throws Exception {
        CommandLineOptions command = new CommandLineOptions(args);
        if (command.shouldHelp() || command.shouldList() || command.shouldListWithParams()) {
            org.openjdk.jmh.Main.main(args);
            return List.of();
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
        if (command.getIncludes().isEmpty()) {
            options.include(Pattern.quote(benchmark.getName()) + "\\.");
        }
        return new Runner(options.build()).run();
    }
}
