namespace OAuthPortal.Areas.Developer.Pages.RegistrationTokens;

/// <summary>The form fields of a new initial access token. Shape only: the rules are in the core (<c>InitialAccessTokenRules</c>).</summary>
public sealed class RegistrationTokenInput
{
    public string? Name { get; set; }

    /// <summary>How long the token lives (one of the page's choices; the core refuses anything above its maximum).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>True: the token registers several clients (up to the configured cap); false: one.</summary>
    public bool MultiUse { get; set; }

    /// <summary>The grant types ticked (wire names): the cap on what its clients may have; none ticked means no cap.</summary>
    public List<string>? GrantTypes { get; set; }
}
