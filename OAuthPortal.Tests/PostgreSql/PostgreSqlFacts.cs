namespace OAuthPortal.Tests;

// The protocol tests say [Fact] and [Theory]; in this assembly those names find these two first (a type in an
// enclosing namespace wins over a global using), so every test is skipped, with the reason, when there is no server.

/// <summary>xunit's [Fact], skipped with <see cref="Support.PostgreSqlServer.SkipReason"/> when no PostgreSQL server answers.</summary>
public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute() => Skip = Support.PostgreSqlServer.SkipReason;
}

/// <summary>xunit's [Theory], skipped with <see cref="Support.PostgreSqlServer.SkipReason"/> when no PostgreSQL server answers.</summary>
public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute() => Skip = Support.PostgreSqlServer.SkipReason;
}
