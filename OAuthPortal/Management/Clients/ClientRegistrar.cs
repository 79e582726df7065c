using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.Management;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.Management.Clients;

/// <summary>Registers OAuth clients: the rules shared by the developer pages and the CLI.</summary>
public sealed class ClientRegistrar(PortalDbContext db, RedirectUriPolicy redirectUriPolicy, IOAuthEvents events, TimeProvider clock)
{
    /// <param name="actor">Who registers it (a user id, or "cli"), for the audit trail.</param>
    public async Task<Outcome<RegisteredClient>> RegisterAsync(ClientRegistration registration, string actor, CancellationToken cancellationToken = default)
    {
        var errors = Validate(registration);
        if (!await db.Users.AnyAsync(u => u.Id == registration.OwnerId, cancellationToken))
        {
            errors.Add(new FieldError(nameof(registration.OwnerId), "The owner does not exist."));
        }

        if (errors.Count > 0)
        {
            return Outcome<RegisteredClient>.Failure(errors);
        }

        var secret = registration.Type == ClientType.Confidential ? TokenGenerator.NewSecret() : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var client = new Client
        {
            Id = TokenGenerator.NewClientId(),
            OwnerId = registration.OwnerId,
            Name = registration.Name.Trim(),
            Description = registration.Description?.Trim() ?? "",
            ImageUrl = string.IsNullOrWhiteSpace(registration.ImageUrl) ? null : registration.ImageUrl.Trim(),
            Type = registration.Type,
            TokenEndpointAuthMethod = ClientAuthenticationMethod.DefaultFor(registration.Type),
            AllowedGrantTypes = RequireAllowedGrantType.DefaultGrantTypes,
            SecretHash = secret is null ? null : SecretHasher.Hash(secret),
            CreatedAt = now,
            UpdatedAt = now,
            Enabled = true,
            RedirectUris = registration.RedirectUris.Select(RedirectUri.For).ToList(),
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        await events.ClientChangedAsync(new ClientChangedEvent(client.Id, client.Name, actor, ClientChange.Created));
        return Outcome<RegisteredClient>.Success(new RegisteredClient(client.Id, secret));
    }

    /// <summary>The rules on a client's name, description, image and redirect URIs (also for edits).</summary>
    internal List<FieldError> Validate(ClientRegistration registration)
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

        if (!string.IsNullOrWhiteSpace(registration.ImageUrl) && ImageUrlProblem(registration.ImageUrl.Trim()) is { } imageProblem)
        {
            errors.Add(new(nameof(registration.ImageUrl), imageProblem));
        }

        errors.AddRange(ValidateRedirectUris(registration.RedirectUris)
            .Select(message => new FieldError(nameof(registration.RedirectUris), message)));
        return errors;
    }

    /// <summary>The checks on a client's whole list of redirect URIs (count, duplicates, each URI).</summary>
    private IEnumerable<string> ValidateRedirectUris(IReadOnlyList<string> redirectUris)
    {
        if (redirectUris.Count is 0 or > Client.MaxRedirectUris)
        {
            yield return $"A client needs between 1 and {Client.MaxRedirectUris} redirect URIs (got {redirectUris.Count}).";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var uri in redirectUris)
        {
            if (redirectUriPolicy.Validate(uri) is { } problem)
            {
                yield return $"{Shorten(uri)}: {problem}";
            }
            else if (!seen.Add(uri))
            {
                yield return $"{Shorten(uri)}: this redirect URI is listed twice.";
            }
        }
    }

    private static string? ImageUrlProblem(string imageUrl)
    {
        if (imageUrl.Length > Client.MaxUrlLength)
        {
            return $"The image URL must be at most {Client.MaxUrlLength} characters long.";
        }

        return Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0 &&
            !imageUrl.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '<' or '>' or '\\')
            ? null
            : "The image URL must be an absolute https URL (no spaces, quotes or angle brackets).";
    }

    /// <summary>Control characters and Unicode format characters (bidi overrides, zero-width joiners...).</summary>
    private static bool IsHidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static string Shorten(string value) => value.Length <= 80 ? $"'{value}'" : $"'{value[..77]}...'";
}
