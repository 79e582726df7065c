using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> client)
    {
        client.HasKey(c => c.Id);
        client.Property(c => c.Id).HasMaxLength(64).IsUnicode(false);
        client.Property(c => c.Name).HasMaxLength(Client.MaxNameLength).IsRequired();
        client.Property(c => c.Description).HasMaxLength(Client.MaxDescriptionLength).IsRequired();
        client.Property(c => c.ImageUrl).HasMaxLength(Client.MaxUrlLength);
        client.Property(c => c.Type).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        client.Property(c => c.SecretHash).HasMaxLength(SqlLengths.Sha256);
        client.Property(c => c.AllowedGrantTypes).HasMaxLength(Client.MaxGrantTypesLength).IsUnicode(false).IsRequired();
        client.Property(c => c.TokenEndpointAuthMethod).HasMaxLength(Client.MaxAuthMethodLength).IsUnicode(false).IsRequired();

        // Restrict: deleting a user who owns clients goes through PortalUserManager, which deletes
        // the clients first. (A cascade here would give SQL Server two cascade paths to the tokens.)
        client.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        client.HasIndex(c => c.OwnerId);

        client.HasMany(c => c.RedirectUris).WithOne().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        client.HasMany(c => c.PostLogoutRedirectUris).WithOne().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
        client.Property(c => c.IdTokenSignedResponseAlg).HasMaxLength(Client.MaxAlgorithmLength).IsUnicode(false).IsRequired().HasDefaultValue(Client.DefaultIdTokenAlgorithm);
        client.Property(c => c.BackchannelLogoutUri).HasMaxLength(Client.MaxUrlLength);
        client.HasMany(c => c.MachineScopes).WithMany().UsingEntity("ClientMachineScopes");
        client.Property(c => c.Jwks).HasMaxLength(Client.MaxJwksLength);
        client.Property(c => c.JwksUri).HasMaxLength(Client.MaxUrlLength);
        client.Property(c => c.ClientUri).HasMaxLength(Client.MaxUrlLength);
        client.Property(c => c.SoftwareId).HasMaxLength(Client.MaxSoftwareLength);
        client.Property(c => c.SoftwareVersion).HasMaxLength(Client.MaxSoftwareLength);
        client.Property(c => c.Contacts).HasMaxLength(Client.MaxContactsLength);
        client.HasOne(c => c.InitialAccessToken).WithMany().HasForeignKey(c => c.InitialAccessTokenId).OnDelete(DeleteBehavior.SetNull);
        client.HasIndex(c => c.InitialAccessTokenId);
        client.Property(c => c.RegistrationAccessTokenHash).HasMaxLength(SqlLengths.Sha256);
        client.HasIndex(c => c.RegistrationAccessTokenHash).IsUnique();
        client.Property(c => c.Profile).HasConversion<string>().HasMaxLength(16).IsUnicode(false).HasDefaultValue(ClientProfile.None).HasSentinel(ClientProfile.None);
    }
}
