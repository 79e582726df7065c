namespace OAuthPortal.Components;

/// <summary>One ready-to-copy value of a client's quickstart: a label, the text, and a stable id for tests and the copy button.</summary>
public sealed record QuickstartItem(string Id, string Label, string Text, string? Explanation = null)
{
    /// <summary>The id of the PKCE code_verifier item: the panel explains the verifier's pairing when it is there.</summary>
    public const string VerifierId = "verifier";

    /// <summary>The text is a URL to open in a browser (the authorization URL): the panel shows it as a link.</summary>
    public bool IsLink { get; init; }
}
