namespace Psrp.Messages;

/// <summary>The category of an error record.</summary>
/// <remarks>On the wire: an enum object of type <c>System.Management.Automation.ErrorCategory</c>, read by its integer.</remarks>
public enum ErrorCategory
{
    /// <summary>Not specified.</summary>
    NotSpecified = 0,

    /// <summary>Open error.</summary>
    OpenError = 1,

    /// <summary>Close error.</summary>
    CloseError = 2,

    /// <summary>Device error.</summary>
    DeviceError = 3,

    /// <summary>Deadlock detected.</summary>
    DeadlockDetected = 4,

    /// <summary>Invalid argument.</summary>
    InvalidArgument = 5,

    /// <summary>Invalid data.</summary>
    InvalidData = 6,

    /// <summary>Invalid operation.</summary>
    InvalidOperation = 7,

    /// <summary>Invalid result.</summary>
    InvalidResult = 8,

    /// <summary>Invalid type.</summary>
    InvalidType = 9,

    /// <summary>Metadata error.</summary>
    MetadataError = 10,

    /// <summary>Not implemented.</summary>
    NotImplemented = 11,

    /// <summary>Not installed.</summary>
    NotInstalled = 12,

    /// <summary>Object not found.</summary>
    ObjectNotFound = 13,

    /// <summary>Operation stopped.</summary>
    OperationStopped = 14,

    /// <summary>Operation timeout.</summary>
    OperationTimeout = 15,

    /// <summary>Syntax error.</summary>
    SyntaxError = 16,

    /// <summary>Parser error.</summary>
    ParserError = 17,

    /// <summary>Permission denied.</summary>
    PermissionDenied = 18,

    /// <summary>Resource busy.</summary>
    ResourceBusy = 19,

    /// <summary>Resource exists.</summary>
    ResourceExists = 20,

    /// <summary>Resource unavailable.</summary>
    ResourceUnavailable = 21,

    /// <summary>Read error.</summary>
    ReadError = 22,

    /// <summary>Write error.</summary>
    WriteError = 23,

    /// <summary>Text from a native command's stderr.</summary>
    FromStdErr = 24,

    /// <summary>Security error.</summary>
    SecurityError = 25,

    /// <summary>Protocol error.</summary>
    ProtocolError = 26,

    /// <summary>Connection error.</summary>
    ConnectionError = 27,

    /// <summary>Authentication error.</summary>
    AuthenticationError = 28,

    /// <summary>Limits exceeded.</summary>
    LimitsExceeded = 29,

    /// <summary>Quota exceeded.</summary>
    QuotaExceeded = 30,

    /// <summary>Not enabled.</summary>
    NotEnabled = 31,
}
