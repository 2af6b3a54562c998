using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Xunit.Abstractions;

namespace FastLoss.Package.Tests;

/// <summary>
/// The "works for a new user" guarantee: pack FastLoss into a local folder, create a console project outside the
/// solution that references only that package, declare a new <c>[LossFormula]</c> in it, build and run it, and check
/// what it prints against values computed here.
/// </summary>
public sealed class FreshProjectTests(ITestOutputHelper output)
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void Package_contains_the_library_the_generator_docs_and_readme()
    {
        using var work = new TemporaryDirectory();
        string package = Pack(work.Path);

        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net10.0/FastLoss.dll", entries);
        Assert.Contains("lib/net10.0/FastLoss.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/FastLoss.Generators.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string metadata = nuspec.ReadToEnd();
        Assert.Contains("<readme>README.md</readme>", metadata, StringComparison.Ordinal);
        Assert.Contains("<license type=\"expression\">MIT</license>", metadata, StringComparison.Ordinal);
        Assert.DoesNotContain("FastLoss.Generators", metadata, StringComparison.Ordinal); // shipped inside, not a dependency
    }

    [Fact]
    public void A_new_console_project_declares_a_formula_and_gets_kernels()
    {
        using var work = new TemporaryDirectory();
        string package = Pack(work.Path);
        string version = Path.GetFileNameWithoutExtension(package)["FastLoss.".Length..];

        string app = Directory.CreateDirectory(Path.Combine(work.Path, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-fastloss" value="{Path.GetDirectoryName(package)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FastLoss" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        // Directory.Build.props/.targets of an enclosing folder must not leak in: the temp folder has none, but say so.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using FastLoss;

            float[] input = [0.5f, -1.25f, 3f, 0f, 2.5f];
            float[] target = [1f, -1f, 1f, 0.25f, 2.5f];
            var gradient = new float[input.Length];
            float loss = AppLosses.QuarticWithGradient(input, target, 0.5f, gradient);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss {loss:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient {string.Join(' ', gradient.Select(g => g.ToString("R", CultureInfo.InvariantCulture)))}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"huber {Loss.Huber(input, target):R}"));
            ILoss<float> quartic = new AppLosses.QuarticLoss(0.5f);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"object {quartic.Loss(input, target, Reduction.Sum):R}"));
            float[] labels = [1f, 0f, 1f, 0f, 1f];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"focal2 {AppLosses.Focal(input, labels, 2f, 0.5f):R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"focal15 {AppLosses.Focal(input, labels, 1.5f, 3f):R}"));

            public static partial class AppLosses
            {
                [LossFormula]
                public static float Quartic(float input, float target, [Hyperparameter(Default = 1.0)] float scale)
                {
                    float d = input - target;
                    return scale * d * d * d * d;
                }

                // A hyperparameter exponent and divisor (both chosen once per call) and σ / log σ of ±input (one exponential).
                [LossFormula]
                public static float Focal(float input, float target, [Hyperparameter(Default = 2.0, Minimum = 0.0)] float gamma, [Hyperparameter(Default = 1.0, Minimum = 0.0, ExclusiveMinimum = true)] float temperature)
                    => -(target * MathF.Pow(LossMath.Sigmoid(-input), gamma) * LossMath.LogSigmoid(input)
                        + (1f - target) * MathF.Pow(LossMath.Sigmoid(input), gamma) * LossMath.LogSigmoid(-input)) / temperature;
            }
            """);

        // A private package cache: the test package never lands in (or is served stale from) the user's cache.
        string stdout = Run(app, Path.Combine(work.Path, "packages"), "dotnet", "run", "-c", "Release");
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        float[] x = [0.5f, -1.25f, 3f, 0f, 2.5f], t = [1f, -1f, 1f, 0.25f, 2.5f];
        double expectedMean = x.Zip(t, (a, b) => 0.5 * Math.Pow(a - b, 4)).Average();
        double[] expectedGradient = x.Zip(t, (a, b) => 0.5 * 4 * Math.Pow(a - b, 3) / x.Length).ToArray();
        double expectedHuber = x.Zip(t, (a, b) => Math.Abs(a - b) < 1 ? 0.5 * (a - b) * (a - b) : Math.Abs(a - b) - 0.5).Average();

        Assert.Equal(expectedMean, Value(lines, "loss"), 5);
        double[] gradient = lines.Single(l => l.StartsWith("gradient ", StringComparison.Ordinal))["gradient ".Length..]
            .Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expectedGradient.Length, gradient.Length);
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(expectedGradient[i], gradient[i], 5);
        }

        Assert.Equal(expectedHuber, Value(lines, "huber"), 5);
        Assert.Equal(expectedMean * x.Length, Value(lines, "object"), 4);

        float[] labels = [1f, 0f, 1f, 0f, 1f];
        double Focal(double gamma, double temperature) => x.Zip(labels, (a, b) =>
        {
            double p = 1 / (1 + Math.Exp(-a));
            return -((b * Math.Pow(1 - p, gamma) * Math.Log(p)) + ((1 - b) * Math.Pow(p, gamma) * Math.Log(1 - p))) / temperature;
        }).Average();
        Assert.Equal(Focal(2, 0.5), Value(lines, "focal2"), 5);
        Assert.Equal(Focal(1.5, 3), Value(lines, "focal15"), 5);
    }

    private static double Value(string[] lines, string key)
        => double.Parse(lines.Single(l => l.StartsWith(key + " ", StringComparison.Ordinal))[(key.Length + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Packs the already-built library (no rebuild: other test assemblies may have it loaded) with a unique version.</summary>
    private string Pack(string work)
    {
        string feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
        string version = "0.0.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string project = Path.Combine(RepositoryRoot(), "src", "FastLoss", "FastLoss.csproj");
        Run(work, null, "dotnet", "pack", project, "-c", Configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + version, "-p:IncludeSymbols=false");
        return Directory.GetFiles(feed, "FastLoss.*.nupkg").Single();
    }

    private string Run(string directory, string? packages, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";

        using Process process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => stdout.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }

        process.WaitForExit();
        output.WriteLine($"$ {fileName} {string.Join(' ', arguments)}\n{stdout}{stderr}");
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout}\n{stderr}");
        return stdout.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FastLoss.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FastLoss.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastloss-package-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a build server may still hold a file for a moment.
            }
        }
    }
}
