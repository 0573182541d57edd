namespace Psrp.Container.Tests.Fixture;

/// <summary>Every test that needs the engine shares one dockerd.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "docker";
}
