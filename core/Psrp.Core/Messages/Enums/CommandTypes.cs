namespace Psrp.Messages;

/// <summary>Kinds of commands, used by GET_COMMAND_METADATA.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.CommandTypes</c>, read by its integer.</remarks>
[Flags]
public enum CommandTypes
{
    /// <summary>Aliases.</summary>
    Alias = 1,

    /// <summary>Functions.</summary>
    Function = 2,

    /// <summary>Filters.</summary>
    Filter = 4,

    /// <summary>Cmdlets.</summary>
    Cmdlet = 8,

    /// <summary>Script files.</summary>
    ExternalScript = 16,

    /// <summary>Native applications.</summary>
    Application = 32,

    /// <summary>Script blocks.</summary>
    Script = 64,

    /// <summary>DSC configurations.</summary>
    Configuration = 256,

    /// <summary>Every kind.</summary>
    All = 383,
}
