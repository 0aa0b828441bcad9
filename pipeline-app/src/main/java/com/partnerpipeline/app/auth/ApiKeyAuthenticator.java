package com.partnerpipeline.app.auth;

import com.partnerpipeline.app.db.PartnerDao;
import com.partnerpipeline.app.domain.ApiKeys;
import com.partnerpipeline.app.domain.Partner;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Finds the partner whose key hashes to the same SHA-256; keys themselves are never stored. */
public final class ApiKeyAuthenticator implements Authenticator<String, Partner> {
    private final PartnerDao partners;

    public ApiKeyAuthenticator(PartnerDao partners) {
        this.partners = partners;
    }

    @Override
    public Optional<Partner> authenticate(String apiKey) {
        String hash = ApiKeys.hash(apiKey);
        return partners.findByKeyHash(hash)
                .filter(found -> ApiKeys.sameHash(found.apiKeyHash(), hash))
                .map(PartnerDao.PartnerWithHash::partner);
    }
}
