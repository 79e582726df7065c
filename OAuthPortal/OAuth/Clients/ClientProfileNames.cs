using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Clients;

/// <summary>The names of the security profiles as the CLI, query strings and audit details write them.</summary>
public static class ClientProfileNames
{
    public const string None = "none";
    public const string Fapi2 = "fapi2";

    public static string Of(ClientProfile profile) => profile == ClientProfile.Fapi2 ? Fapi2 : None;

    /// <summary>The profile named <paramref name="name"/> (case-insensitive), or null for an unknown name.</summary>
    public static ClientProfile? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        Fapi2 => ClientProfile.Fapi2,
        None => ClientProfile.None,
        _ => null,
    };

    /// <summary>How people read it: "FAPI 2.0 Security Profile" or "none".</summary>
    public static string Label(ClientProfile profile) => profile == ClientProfile.Fapi2 ? "FAPI 2.0 Security Profile" : "none";
}
