namespace Psrp.Benchmarks.Clixml;

/// <summary>The CLIXML documents the serializer benchmarks run on, each produced by real PowerShell.</summary>
public enum BenchDocument
{
    /// <summary>50,000 <c>[pscustomobject]@{A=&lt;int&gt;; B=&lt;20-char string&gt;}</c>: many small flat objects.</summary>
    Flat50k,

    /// <summary>
    /// 10,000 <c>[pscustomobject]@{name=$_; version=$PSVersionTable}</c>: the version table is one
    /// object, so PowerShell writes it once and then 9,999 <c>&lt;Ref&gt;</c>s.
    /// </summary>
    VersionTable10k,
}
