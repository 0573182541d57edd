using System.Collections.Concurrent;
using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Client;

/// <summary>
/// The record streams of a pipeline. Each record raises its event as it arrives (on the session's
/// receive loop: handlers must be quick and must not block) and is kept in the matching collection.
/// An exception thrown by a handler is swallowed: a bug in a display callback must not break the session.
/// </summary>
public sealed class PipelineStreams
{
    private readonly ConcurrentQueue<PsErrorRecord> _errors = new();
    private readonly ConcurrentQueue<PsInformationalRecord> _warnings = new();
    private readonly ConcurrentQueue<PsInformationalRecord> _verbose = new();
    private readonly ConcurrentQueue<PsInformationalRecord> _debug = new();
    private readonly ConcurrentQueue<PsInformationRecord> _information = new();
    private readonly ConcurrentQueue<PsProgressRecord> _progress = new();

    /// <summary>Raised for each non-terminating error.</summary>
    public event Action<PsErrorRecord>? ErrorAdded;

    /// <summary>Raised for each warning.</summary>
    public event Action<PsInformationalRecord>? WarningAdded;

    /// <summary>Raised for each verbose record.</summary>
    public event Action<PsInformationalRecord>? VerboseAdded;

    /// <summary>Raised for each debug record.</summary>
    public event Action<PsInformationalRecord>? DebugAdded;

    /// <summary>Raised for each information record (Write-Information, Write-Host).</summary>
    public event Action<PsInformationRecord>? InformationAdded;

    /// <summary>Raised for each progress record.</summary>
    public event Action<PsProgressRecord>? ProgressAdded;

    /// <summary>Errors so far.</summary>
    public IReadOnlyCollection<PsErrorRecord> Error => _errors;

    /// <summary>Warnings so far.</summary>
    public IReadOnlyCollection<PsInformationalRecord> Warning => _warnings;

    /// <summary>Verbose records so far.</summary>
    public IReadOnlyCollection<PsInformationalRecord> Verbose => _verbose;

    /// <summary>Debug records so far.</summary>
    public IReadOnlyCollection<PsInformationalRecord> Debug => _debug;

    /// <summary>Information records so far.</summary>
    public IReadOnlyCollection<PsInformationRecord> Information => _information;

    /// <summary>Progress records so far.</summary>
    public IReadOnlyCollection<PsProgressRecord> Progress => _progress;

    internal void AddError(PsErrorRecord record)
    {
        _errors.Enqueue(record);
        Raise(ErrorAdded, record);
    }

    internal void AddInformational(MessageType stream, PsInformationalRecord record)
    {
        switch (stream)
        {
            case MessageType.WarningRecord:
                _warnings.Enqueue(record);
                Raise(WarningAdded, record);
                break;
            case MessageType.VerboseRecord:
                _verbose.Enqueue(record);
                Raise(VerboseAdded, record);
                break;
            default:
                _debug.Enqueue(record);
                Raise(DebugAdded, record);
                break;
        }
    }

    internal void AddInformation(PsInformationRecord record)
    {
        _information.Enqueue(record);
        Raise(InformationAdded, record);
    }

    internal void AddProgress(PsProgressRecord record)
    {
        _progress.Enqueue(record);
        Raise(ProgressAdded, record);
    }

    private static void Raise<T>(Action<T>? handler, T record)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(record);
        }
#pragma warning disable CA1031 // Any handler failure is contained here by design (see the class remarks).
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
