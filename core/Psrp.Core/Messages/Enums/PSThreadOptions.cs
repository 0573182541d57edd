namespace Psrp.Messages;

/// <summary>How the server creates threads for the pool's pipelines.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.Runspaces.PSThreadOptions</c>, read by its integer.</remarks>
public enum PSThreadOptions
{
    /// <summary>Server default.</summary>
    Default = 0,

    /// <summary>A new thread per invocation.</summary>
    UseNewThread = 1,

    /// <summary>One thread reused.</summary>
    ReuseThread = 2,

    /// <summary>The calling thread.</summary>
    UseCurrentThread = 3,
}
