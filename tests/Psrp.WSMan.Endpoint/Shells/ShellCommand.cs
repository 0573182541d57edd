namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>One command (pipeline) of a shell: its ids, its output, and its input cutters.</summary>
public sealed class ShellCommand
{
    /// <summary>Creates the command state.</summary>
    public ShellCommand(string commandId, Guid pipelineId, ShellSettings settings)
    {
        CommandId = commandId;
        PipelineId = pipelineId;
        Outbox = new ChannelOutbox(settings.OutboxCapacity, commandId, settings.OutputLinger);
        Output = new FragmentCutter(int.MaxValue);
        Stdin = new FragmentCutter(settings.MaxFragmentSize);
        PromptResponse = new FragmentCutter(settings.MaxFragmentSize);
    }

    /// <summary>The CommandId as the client named it (upper case).</summary>
    public string CommandId { get; }

    /// <summary>The PID in the pipeline's PSRP messages: the out-of-proc channel of the server behind the shell.</summary>
    public Guid PipelineId { get; }

    /// <summary>Output waiting for a Receive.</summary>
    public ChannelOutbox Outbox { get; }

    /// <summary>Cuts the server's output into fragments, one <c>rsp:Stream</c> each.</summary>
    public FragmentCutter Output { get; }

    /// <summary>Finds host calls and the end of the pipeline in its output.</summary>
    public OutputClassifier Classifier { get; } = new();

    /// <summary>Client bytes on <c>stdin</c>.</summary>
    public FragmentCutter Stdin { get; }

    /// <summary>Client bytes on <c>pr</c>.</summary>
    public FragmentCutter PromptResponse { get; }

    /// <summary>Serializes input on this command, so fragments keep their order.</summary>
    public SemaphoreSlim InputLock { get; } = new(1, 1);
}
