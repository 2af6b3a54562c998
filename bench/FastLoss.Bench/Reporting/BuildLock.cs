namespace FastLoss.Bench.Reporting;

/// <summary>
/// On a shared machine, BenchmarkDotNet's own restore and build of the generated benchmark project (which also
/// rebuilds src/FastLoss if it is out of date) can take the same lock as everyone else's builds: set
/// FASTLOSS_BUILD_LOCK to the lock file and the run goes through a small wrapper around dotnet that holds
/// <c>flock -o LOCK</c> for restore/build/publish only, never while a benchmark runs.
/// </summary>
internal static class BuildLock
{
    public const string Variable = "FASTLOSS_BUILD_LOCK";

    /// <summary>Writes the wrapper and returns its path, or null when no lock was asked for (or not on Linux).</summary>
    public static string? CreateDotNetWrapper(string directory)
    {
        string? lockFile = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(lockFile) || !OperatingSystem.IsLinux())
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "dotnet-with-build-lock.sh");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        File.WriteAllText(path, $"""
            #!/bin/sh
            # Written by FastLoss.Bench ({Variable}): BenchmarkDotNet's restore/build under the shared build lock.
            case "$1" in
              restore|build|publish) exec flock -o '{lockFile}' '{dotnet}' "$@" ;;
              *) exec '{dotnet}' "$@" ;;
            esac

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }
}
