import HPG
