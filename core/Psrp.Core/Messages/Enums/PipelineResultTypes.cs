namespace Psrp.Messages;

/// <summary>Stream identifiers used by merge settings of a command.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.Runspaces.PipelineResultTypes</c>, read by its integer.</remarks>
public enum PipelineResultTypes
{
    /// <summary>No stream.</summary>
    None = 0,

    /// <summary>Output.</summary>
    Output = 1,

    /// <summary>Error.</summary>
    Error = 2,

    /// <summary>Warning.</summary>
    Warning = 3,

    /// <summary>Verbose.</summary>
    Verbose = 4,

    /// <summary>Debug.</summary>
    Debug = 5,

    /// <summary>Information.</summary>
    Information = 6,

    /// <summary>All streams.</summary>
    All = 7,

    /// <summary>Discard.</summary>
    Null = 8,
}
