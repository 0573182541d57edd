namespace Psrp.Messages;

/// <summary>Whether a progress record reports work in progress or its end.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.ProgressRecordType</c>, read by its integer.</remarks>
public enum ProgressRecordType
{
    /// <summary>Work in progress.</summary>
    Processing = 0,

    /// <summary>The activity is done.</summary>
    Completed = 1,
}
