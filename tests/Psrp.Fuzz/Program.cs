using System.Globalization;
using Psrp.Fuzz;
using SharpFuzz;

// psrp-fuzz: see docs/fuzzing.md.
//   <target>                      run under AFL++ (SharpFuzz out-of-process); without AFL, one input from stdin
//   <target> --libfuzzer          run under libFuzzer (SharpFuzz's libfuzzer-dotnet bridge)
//   replay <target> FILE|DIR...   run inputs once each and report what escaped
//   mutate <target> N [SEED]      the in-test mutation run, N executions
//   seed [REPO]                   rewrite tests/Psrp.Fuzz/Corpus from the golden captures
//   list                          the targets
if (args.Length == 0)
{
    return Usage();
}

switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All)
        {
            Console.WriteLine(t.Name);
        }

        return 0;
    case "seed":
        return Seed(args.Length > 1 ? args[1] : FindRepo());
    case "replay" when args.Length >= 3 && FuzzTargets.Find(args[1]) is { } replayTarget:
        return Replay(replayTarget, args[2..]);
    case "mutate" when args.Length >= 3 && FuzzTargets.Find(args[1]) is { } mutateTarget:
        return Mutate(mutateTarget, int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
}

if (FuzzTargets.Find(args[0]) is not { } target)
{
    return Usage();
}

if (args.Contains("--libfuzzer"))
{
    Fuzzer.LibFuzzer.Run(span => target.Run(span));
}
else
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
}

return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: Psrp.Fuzz <target> [--libfuzzer] | replay <target> FILE|DIR... | mutate <target> N [SEED] | seed [REPO] | list");
    Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
    return 2;
}

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Transport.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Transport.sln not found above the program; give the repository path.");
}

static int Seed(string repo)
{
    var golden = Golden.Load(Path.Combine(repo, "tests", "Psrp.Core.Tests", "TestData", "golden"));
    foreach (var target in FuzzTargets.All)
    {
        var folder = Path.Combine(repo, "tests", "Psrp.Fuzz", "Corpus", target.Name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var count = 0;
        foreach (var (name, bytes) in target.Seeds(golden))
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            count++;
        }

        Console.WriteLine($"{target.Name}: {count} seeds");
    }

    return 0;
}

static int Replay(IFuzzTarget target, string[] paths)
{
    var failures = 0;
    foreach (var file in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal).ToArray() : new[] { p }))
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            target.Run(File.ReadAllBytes(file));
            Console.WriteLine($"ok   {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:0.0} ms  {file}");
        }
        catch (Exception ex)
        {
            failures++;
            Console.WriteLine($"FAIL {file}: {ex}");
        }
    }

    return failures == 0 ? 0 : 1;
}

static int Mutate(IFuzzTarget target, int executions, int seed)
{
    var corpus = MutationRun.LoadCorpus(Path.Combine(AppContext.BaseDirectory, "Corpus"), target);
    var result = MutationRun.Run(target, corpus, executions, seed, TimeSpan.FromSeconds(2));
    Console.WriteLine($"{target.Name}: {result.Executions} executions in {result.Elapsed.TotalSeconds:0.00} s, slowest {result.Slowest.TotalMilliseconds:0.0} ms");
    if (result.Crash is { } crash)
    {
        var file = Path.Combine(Path.GetTempPath(), $"psrp-fuzz-{target.Name}-crash");
        File.WriteAllBytes(file, crash.Input);
        Console.WriteLine($"CRASH (input in {file}): {crash.Error}");
        return 1;
    }

    if (result.Slow is { } slow)
    {
        var file = Path.Combine(Path.GetTempPath(), $"psrp-fuzz-{target.Name}-slow");
        File.WriteAllBytes(file, slow.Input);
        Console.WriteLine($"SLOW {slow.Time.TotalSeconds:0.00} s (input in {file})");
        return 1;
    }

    return 0;
}
