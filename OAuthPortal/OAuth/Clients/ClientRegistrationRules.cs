using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Logout;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// What a client's registration must satisfy, wherever it comes from (the developer area, the CLI, and dynamic
/// registration when it arrives): its name, description, image URL, grant types (<see cref="GrantTypeRegistrationRules"/>),
/// redirect URIs (required with authorization_code only) and post-logout redirect URIs (each under
/// <see cref="RedirectUriPolicy"/>), back-channel logout URI, id_token signing algorithm, and how it authenticates
/// (<see cref="ClientAuthenticationRegistrationRules"/>). Machine scopes need the
/// database: <see cref="RequireMachineScopes"/>.
/// </summary>
public sealed class ClientRegistrationRules(RedirectUriPolicy redirectUriPolicy, IOptions<OAuthOptions> options)
{
    /// <summary>The rules on a client's name, description, image, grant types, URIs and id_token algorithm (also for edits).</summary>
    public List<FieldError> Validate(ClientRegistration registration)
    {
        var errors = new List<FieldError>();
        var name = registration.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new(nameof(registration.Name), "A name is required."));
        }
        else if (name.Length > Client.MaxNameLength)
        {
            errors.Add(new(nameof(registration.Name), $"The name must be at most {Client.MaxNameLength} characters long."));
        }
        else if (name.Any(IsHidden))
        {
            // Line breaks forge log lines; bidi overrides and zero-width characters disguise a name on the consent page.
            errors.Add(new(nameof(registration.Name), "The name must not contain control or invisible formatting characters."));
        }

        var description = registration.Description?.Trim() ?? "";
        if (description.Length > Client.MaxDescriptionLength)
        {
            errors.Add(new(nameof(registration.Description), $"The description must be at most {Client.MaxDescriptionLength} characters long."));
        }
        else if (description.Any(c => c is not ('\n' or '\r') && IsHidden(c)))
        {
            errors.Add(new(nameof(registration.Description), "The description must not contain control or invisible formatting characters."));
        }

        if (!string.IsNullOrWhiteSpace(registration.ImageUrl) && HttpsUrlProblem(registration.ImageUrl.Trim(), "The image URL") is { } imageProblem)
        {
            errors.Add(new(nameof(registration.ImageUrl), imageProblem));
        }

        if (!string.IsNullOrWhiteSpace(registration.ClientUri) && HttpsUrlProblem(registration.ClientUri.Trim(), "The client's home page URL") is { } homeProblem)
        {
            errors.Add(new(nameof(registration.ClientUri), homeProblem));
        }

        errors.AddRange(SoftwareProblems(registration));

        errors.AddRange(GrantTypeRegistrationRules.Validate(registration.Type, registration.GrantTypes)
            .Select(message => new FieldError(nameof(registration.GrantTypes), message)));
        var needsRedirectUris = GrantTypeRegistrationRules.NeedsRedirectUris(GrantTypeRegistrationRules.Effective(registration.GrantTypes));
        errors.AddRange(ValidateRedirectUris(registration.RedirectUris, needsRedirectUris)
            .Select(message => new FieldError(nameof(registration.RedirectUris), message)));
        errors.AddRange(ValidatePostLogoutRedirectUris(registration.PostLogoutRedirectUris)
            .Select(message => new FieldError(nameof(registration.PostLogoutRedirectUris), message)));

        if (!string.IsNullOrWhiteSpace(registration.BackchannelLogoutUri) && BackchannelLogoutUriProblem(registration.BackchannelLogoutUri.Trim()) is { } backchannelProblem)
        {
            errors.Add(new(nameof(registration.BackchannelLogoutUri), backchannelProblem));
        }

        if (!string.IsNullOrWhiteSpace(registration.IdTokenSignedResponseAlg) && !SigningAlgorithms.IsSupported(registration.IdTokenSignedResponseAlg))
        {
            errors.Add(new(nameof(registration.IdTokenSignedResponseAlg),
                $"The id_token signing algorithm must be one of {string.Join(", ", SigningAlgorithms.All)}."));
        }

        errors.AddRange(ClientAuthenticationRegistrationRules.Validate(registration, options.Value.RequireHttps));
        return errors;
    }

    /// <summary>
    /// Back-Channel Logout 1.0 §2.2: an absolute URL without a fragment, which the portal calls server to server (so no
    /// custom scheme), over https, on a public address (<see cref="RequirePublicAddress"/>); plain http, and loopback or
    /// private hosts, only while OAuth:RequireHttps is off (Development).
    /// </summary>
    private string? BackchannelLogoutUriProblem(string uri)
    {
        if (redirectUriPolicy.Validate(uri, "The back-channel logout URI") is { } problem)
        {
            return problem;
        }

        if (uri.StartsWith("http:", StringComparison.OrdinalIgnoreCase) && !(RedirectUriPolicy.IsLoopbackHttp(uri) && !options.Value.RequireHttps))
        {
            return "The back-channel logout URI must use https (plain http only on a loopback address, in Development).";
        }

        return options.Value.RequireHttps && RequirePublicAddress.NamesPrivateHost(new Uri(uri))
            ? "The back-channel logout URI must be on a public address: the portal does not call loopback or private-network hosts."
            : null;
    }

    /// <summary>
    /// The checks on a client's whole list of redirect URIs (count, duplicates, each URI): 1 to 20 for a client that uses
    /// authorization_code, otherwise 0 to 20 (checked all the same when given).
    /// </summary>
    private IEnumerable<string> ValidateRedirectUris(IReadOnlyList<string> redirectUris, bool required)
    {
        if (required && redirectUris.Count is 0 or > Client.MaxRedirectUris)
        {
            yield return $"A client that uses {OAuthParameterNames.GrantAuthorizationCode} needs between 1 and {Client.MaxRedirectUris} redirect URIs (got {redirectUris.Count}).";
        }
        else if (redirectUris.Count > Client.MaxRedirectUris)
        {
            yield return $"A client may have at most {Client.MaxRedirectUris} redirect URIs (got {redirectUris.Count}).";
        }

        foreach (var problem in ValidateEach(redirectUris, "redirect URI"))
        {
            yield return problem;
        }
    }

    /// <summary>Post-logout redirect URIs are optional; otherwise the same rules as redirect URIs (RP-Initiated Logout 1.0 §3).</summary>
    private IEnumerable<string> ValidatePostLogoutRedirectUris(IReadOnlyList<string> uris)
    {
        if (uris.Count > Client.MaxRedirectUris)
        {
            yield return $"A client may have at most {Client.MaxRedirectUris} post-logout redirect URIs (got {uris.Count}).";
        }

        foreach (var problem in ValidateEach(uris, "post-logout redirect URI"))
        {
            yield return problem;
        }
    }

    /// <summary>Each URI under <see cref="RedirectUriPolicy"/>, and none listed twice.</summary>
    private IEnumerable<string> ValidateEach(IReadOnlyList<string> uris, string noun)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var uri in uris)
        {
            if (redirectUriPolicy.Validate(uri, $"A {noun}") is { } problem)
            {
                yield return $"{Shorten(uri)}: {problem}";
            }
            else if (!seen.Add(uri))
            {
                yield return $"{Shorten(uri)}: this {noun} is listed twice.";
            }
        }
    }

    /// <summary>The back-channel logout URI as stored: trimmed, or null for none.</summary>
    public static string? BackchannelLogoutUriOf(string? requested) => string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();

    /// <summary>The id_token algorithm as stored: the one asked for, or the default (RS256, OpenID Connect Core §3.1.3.7).</summary>
    public static string IdTokenAlgorithmOf(string? requested) => string.IsNullOrWhiteSpace(requested) ? Client.DefaultIdTokenAlgorithm : requested;

    /// <summary>An image or home page: shown to people, so an absolute https URL without credentials, spaces, quotes or angle brackets.</summary>
    private static string? HttpsUrlProblem(string url, string subject)
    {
        if (url.Length > Client.MaxUrlLength)
        {
            return $"{subject} must be at most {Client.MaxUrlLength} characters long.";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 &&
            !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '<' or '>' or '\\')
            ? null
            : $"{subject} must be an absolute https URL (no spaces, quotes or angle brackets).";
    }

    /// <summary>
    /// software_id and software_version (short, visible text) and contacts (at most <see cref="Client.MaxContacts"/>
    /// entries without spaces, together at most <see cref="Client.MaxContactsLength"/> characters).
    /// </summary>
    private static IEnumerable<FieldError> SoftwareProblems(ClientRegistration registration)
    {
        foreach (var (field, value) in new[] { (nameof(registration.SoftwareId), registration.SoftwareId), (nameof(registration.SoftwareVersion), registration.SoftwareVersion) })
        {
            if (value is not null && (value.Length > Client.MaxSoftwareLength || value.Any(IsHidden)))
            {
                yield return new(field, $"The {(field == nameof(registration.SoftwareId) ? "software id" : "software version")} must be at most {Client.MaxSoftwareLength} visible characters.");
            }
        }

        if (registration.Contacts.Count > Client.MaxContacts || ContactsOf(registration.Contacts)?.Length > Client.MaxContactsLength)
        {
            yield return new(nameof(registration.Contacts), $"At most {Client.MaxContacts} contacts, {Client.MaxContactsLength} characters in all.");
        }
        else if (registration.Contacts.FirstOrDefault(c => string.IsNullOrWhiteSpace(c) || c.Any(ch => char.IsWhiteSpace(ch) || IsHidden(ch))) is { } contact)
        {
            yield return new(nameof(registration.Contacts), $"{FieldText.Quote(contact)} is not a contact: give e-mail addresses without spaces.");
        }
    }

    /// <summary>The contacts as stored (space-separated), or null for none.</summary>
    public static string? ContactsOf(IReadOnlyList<string> contacts) => contacts.Count == 0 ? null : string.Join(' ', contacts);

    /// <summary>An optional text or URL as stored: trimmed, or null when blank.</summary>
    public static string? OptionalOf(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Control characters and Unicode format characters (bidi overrides, zero-width joiners...).</summary>
    private static bool IsHidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static string Shorten(string value) => value.Length <= 80 ? $"'{value}'" : $"'{value[..77]}...'";
}
