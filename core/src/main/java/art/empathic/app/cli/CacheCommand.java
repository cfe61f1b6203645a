package art.empathic.app.cli;

import art.empathic.features.FeatureCache;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Groups the commands that look after the feature cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = {"Report the feature cache's size and remove entries no model needs.",
        "",
        "The cache keeps each clip's analysed frames so a second run need not compute them again. It lives in "
            + "$EMPATHIC_ART_CACHE, else $XDG_CACHE_HOME/empathic-art/features, else ~/.cache/empathic-art/features, and "
            + "holds at most 3G by default ($EMPATHIC_ART_CACHE_LIMIT or -Dempathic.art.cache.limit, e.g. 10G or none): "
            + "writing past the limit removes the least recently used entries."},
    subcommands = {CacheInfoCommand.class, CachePruneCommand.class})
public final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The {@code --cache} option both subcommands take. */
  static final class Location {
    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: $EMPATHIC_ART_CACHE, "
        + "else $XDG_CACHE_HOME/empathic-art/features, else ~/.cache/empathic-art/features).")
    Path dir;

    FeatureCache open() {
      return dir != null ? FeatureCache.at(dir) : ReleaseModel.cache();
    }
  }
}
