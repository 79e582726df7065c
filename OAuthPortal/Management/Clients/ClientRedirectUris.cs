namespace OAuthPortal.Management.Clients;

/// <summary>
/// Adds or removes one redirect URI of a client, keeping everything else as registered. The change is an edit like the
/// developer area's (<see cref="ClientManager.UpdateAsync"/>): the same registration rules judge the new list (an
/// acceptable URI, 1 to 20 with authorization_code), and it is audited as <c>ClientEdited</c>. <c>ownerId</c> as in
/// <see cref="ClientManager"/>: the acting owner, or null for an administrator; null results mean "not found".
/// </summary>
public sealed class ClientRedirectUris(ClientManager clients)
{
    /// <summary>The field of the errors about the redirect URIs (<see cref="ClientEdit.RedirectUris"/>).</summary>
    public const string Field = nameof(ClientEdit.RedirectUris);

    /// <summary>Registers <paramref name="uri"/>; the client's redirect URIs afterwards (unchanged when it was registered already).</summary>
    public async Task<Outcome<IReadOnlyList<string>>?> AddAsync(string? ownerId, string clientId, string uri, string actor, CancellationToken cancellationToken = default)
    {
        if (await clients.FindAsync(ownerId, clientId, cancellationToken) is not { } client)
        {
            return null;
        }

        return client.RedirectUris.Contains(uri, StringComparer.Ordinal)
            ? Outcome<IReadOnlyList<string>>.Success(client.RedirectUris)
            : await SaveAsync(ownerId, client, [.. client.RedirectUris, uri], actor, cancellationToken);
    }

    /// <summary>Removes <paramref name="uri"/> (matched exactly, as at the authorization endpoint); one that is not registered is an error.</summary>
    public async Task<Outcome<IReadOnlyList<string>>?> RemoveAsync(string? ownerId, string clientId, string uri, string actor, CancellationToken cancellationToken = default)
    {
        if (await clients.FindAsync(ownerId, clientId, cancellationToken) is not { } client)
        {
            return null;
        }

        return client.RedirectUris.Contains(uri, StringComparer.Ordinal)
            ? await SaveAsync(ownerId, client, client.RedirectUris.Where(u => !string.Equals(u, uri, StringComparison.Ordinal)).ToList(), actor, cancellationToken)
            : Outcome<IReadOnlyList<string>>.Failure(Field, "The client has no such redirect URI (they are matched exactly).");
    }

    private async Task<Outcome<IReadOnlyList<string>>?> SaveAsync(
        string? ownerId, ClientDetails client, IReadOnlyList<string> wanted, string actor, CancellationToken cancellationToken)
    {
        // Everything but the redirect URIs as registered; null keeps grant types, machine scopes, keys and the rest.
        var edit = new ClientEdit(client.Name, client.Description, client.ImageUrl, wanted, client.PostLogoutRedirectUris,
            client.BackchannelLogoutUri, client.IdTokenSignedResponseAlg);
        return await clients.UpdateAsync(ownerId, client.ClientId, edit, actor, cancellationToken) switch
        {
            null => null,
            { Succeeded: false } failed => Outcome<IReadOnlyList<string>>.Failure(failed.Errors),
            _ => Outcome<IReadOnlyList<string>>.Success(wanted),
        };
    }
}
