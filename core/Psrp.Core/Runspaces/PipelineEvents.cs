using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Runspaces;

/// <summary>What a received pipeline-level message means to the client; produced by <see cref="ClientPipelineMachine"/>.</summary>
public abstract record PipelineEvent;

/// <summary>An output object.</summary>
public sealed record OutputReceived(object? Value) : PipelineEvent;

/// <summary>A non-terminating error.</summary>
public sealed record ErrorReceived(PsErrorRecord Record) : PipelineEvent;

/// <summary>A debug, verbose or warning record.</summary>
public sealed record InformationalReceived(MessageType Stream, PsInformationalRecord Record) : PipelineEvent;

/// <summary>A progress record.</summary>
public sealed record ProgressReceived(PsProgressRecord Record) : PipelineEvent;

/// <summary>An information-stream record.</summary>
public sealed record InformationReceived(PsInformationRecord Record) : PipelineEvent;

/// <summary>A host call against the pipeline's host.</summary>
public sealed record PipelineHostCallReceived(RemoteHostCall Call) : PipelineEvent;

/// <summary>The pipeline changed state; terminal states end it.</summary>
public sealed record PipelineStateChanged(PSInvocationState State, PsErrorRecord? Error) : PipelineEvent;
