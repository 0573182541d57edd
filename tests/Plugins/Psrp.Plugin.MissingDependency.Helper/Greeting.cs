namespace Psrp.Plugin.MissingDependency.Helper;

/// <summary>Something for the plugin to use from its dependency.</summary>
public static class Greeting
{
    /// <summary>A text.</summary>
    public static string Text => "hello from the helper";
}
