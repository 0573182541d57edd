namespace Psrp.Fuzz.Tests;

/// <summary>
/// The in-test fuzz run (docs/fuzzing.md): every target on its corpus and then on a fixed number of
/// deterministic mutations of it. No exception but the documented typed ones may escape a decoder,
/// and no input may take longer than two seconds. A failure prints the input as base64 and writes
/// it to a file: keep it as a regression test where the decoder lives, and fix the decoder.
/// </summary>
public class MutationRunTests
{
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(2);

    // Sized so every target together takes a few seconds on two busy cores (the budget is 60 s);
    // the trace target decodes whole files, so it runs fewer.
    private static readonly Dictionary<string, int> Executions = new(StringComparer.Ordinal)
    {
        ["trace"] = 5_000,
        ["messages"] = 100_000,
    };

    private const int DefaultExecutions = 50_000;

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var target in FuzzTargets.All)
        {
            data.Add(target.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_SurvivesMutatedCorpus(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var corpus = MutationRun.LoadCorpus(CorpusRoot(), target);
        Assert.NotEmpty(corpus);
        var executions = Executions.GetValueOrDefault(name, DefaultExecutions);

        // One fixed seed per target: the same inputs every run, different inputs per target.
        var seed = 0x5EED + FuzzTargets.All.ToList().IndexOf(target);
        var result = MutationRun.Run(target, corpus, executions, seed, PerInputLimit);

        Assert.True(result.Crash is null, result.Crash is { } crash ? Report(name, "crash", crash.Input, crash.Error.ToString()) : null);
        Assert.True(result.Slow is null, result.Slow is { } slow ? Report(name, "slow", slow.Input, $"took {slow.Time.TotalSeconds:0.00} s") : null);
        Assert.Equal(corpus.Count + executions, result.Executions);
    }

    [Fact]
    public void Run_ReportsAnEscapedException()
    {
        // A decoder with a bug behind one byte value: the mutator must reach it and the run report it.
        var result = MutationRun.Run(new BuggyTarget(), [[1, 2, 3, 4]], 5_000, seed: 1, PerInputLimit);
        Assert.NotNull(result.Crash);
        Assert.IsType<NullReferenceException>(result.Crash.Value.Error);
        Assert.Contains((byte)0x7F, result.Crash.Value.Input);
    }

    [Fact]
    public void Run_ReportsASlowInput()
    {
        var result = MutationRun.Run(new SlowTarget(), [[0]], 10, seed: 1, TimeSpan.FromMilliseconds(50));
        Assert.NotNull(result.Slow);
    }

    [Fact]
    public void Run_ReportsAHang()
    {
        var result = MutationRun.Run(new HangingTarget(), [[0]], 10, seed: 1, TimeSpan.FromMilliseconds(50), hangLimit: TimeSpan.FromMilliseconds(300));
        Assert.NotNull(result.Slow);
    }

    [Fact]
    public void Mutator_IsDeterministic()
    {
        byte[][] corpus = [[1, 2, 3, 4, 5, 6, 7, 8], "<S N=\"x\">12</S>"u8.ToArray()];
        var a = new Mutator(corpus, 42);
        var b = new Mutator(corpus, 42);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.Next(), b.Next());
        }
    }

    private static string Report(string target, string what, byte[] input, string detail)
    {
        var file = Path.Combine(Path.GetTempPath(), $"psrp-fuzz-{target}-{what}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..12]}");
        File.WriteAllBytes(file, input);
        var shown = input.Length <= 4096 ? Convert.ToBase64String(input) : $"({input.Length} bytes; see the file)";
        return $"{target}: {what} on the input in {file} (replay: dotnet run --project tests/Psrp.Fuzz -- replay {target} {file}); base64 {shown}\n{detail}";
    }

    private static string CorpusRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Corpus");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var inRepo = Path.Combine(dir.FullName, "tests", "Psrp.Fuzz", "Corpus");
            if (Directory.Exists(inRepo))
            {
                return inRepo;
            }
        }

        throw new DirectoryNotFoundException("tests/Psrp.Fuzz/Corpus not found beside the tests or above them.");
    }

    private sealed class BuggyTarget : IFuzzTarget
    {
        public string Name => "buggy";

        public void Run(ReadOnlySpan<byte> input)
        {
            if (input.Contains((byte)0x7F))
            {
                string? nothing = null;
                _ = nothing!.Length;
            }
        }

        public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden) => [];
    }

    private sealed class SlowTarget : IFuzzTarget
    {
        public string Name => "slow";

        public void Run(ReadOnlySpan<byte> input) => Thread.Sleep(100);

        public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden) => [];
    }

    private sealed class HangingTarget : IFuzzTarget
    {
        public string Name => "hang";

        public void Run(ReadOnlySpan<byte> input) => Thread.Sleep(Timeout.Infinite);

        public IEnumerable<(string Name, byte[] Bytes)> Seeds(Golden golden) => [];
    }
}
