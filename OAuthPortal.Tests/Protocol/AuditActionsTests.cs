using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Tests.Protocol;

public sealed class AuditActionsTests
{
    public static readonly TheoryData<Enum> Changes = new(
        Enum.GetValues<ClientChange>().Cast<Enum>().Concat(Enum.GetValues<UserChange>().Cast<Enum>()).Concat(Enum.GetValues<ScopeChange>().Cast<Enum>())
            .Concat(Enum.GetValues<SigningKeyChange>().Cast<Enum>()).Concat(Enum.GetValues<ResourceChange>().Cast<Enum>())
            .Concat(Enum.GetValues<InitialAccessTokenChange>().Cast<Enum>()));

    [Theory]
    [MemberData(nameof(Changes))]
    public void Actions_EveryClientUserScopeSigningKeyAndInitialAccessTokenChange_HasItsOwnAuditAction(Enum change)
    {
        var action = AuditingOAuthEvents.Actions[change];

        Assert.Single(AuditingOAuthEvents.Actions, pair => pair.Value == action);
        Assert.EndsWith(change.ToString(), action.ToString(), StringComparison.Ordinal);
    }
}
